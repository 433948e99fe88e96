package io.spgate.quota;

import io.spgate.seller.Seller;

/** The plan in force for one seller's operation, as the console's view of a bucket needs it. */
@FunctionalInterface
public interface PlanLookup {

  Plan plan(Seller seller, String api, String method, String operationId);
}
