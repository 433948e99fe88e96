package io.spgate.quota;

import java.util.List;

/**
 * The plans in force for an application, one per operation of the catalog: the buckets its owners
 * may have, which the view of an owner's buckets looks up instead of scanning the store's keys.
 */
@FunctionalInterface
public interface PlanLookup {

  List<Plan> plans(String application);
}
