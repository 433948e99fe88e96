package io.spgate.lwa;

import io.spgate.TestRedisCluster;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The seller-token tests that share tokens and refresh locks between instances, on a Redis Cluster:
 * tokens, locks and the scripts that release a lock and forget a rejected token touch one key each,
 * each seller's in its own slot. The others are about LWA, not about where tokens are kept; they run
 * once, in {@link SellerTokensIT}.
 */
class ClusterSellerTokensIT extends SellerTokensIT {

  private static final String RUN_ONCE = "about LWA, not the token store: runs in SellerTokensIT";

  @Override
  String redisUrl() {
    return TestRedisCluster.shared().url();
  }

  @Override
  @Test
  @Disabled(RUN_ONCE)
  void should_stop_renewing_a_seller_once_it_is_no_longer_used() {}

  @Override
  @Test
  @Disabled(RUN_ONCE)
  void should_forget_the_token_and_timer_of_a_deleted_seller() {}

  @Override
  @Test
  @Disabled(RUN_ONCE)
  void should_hold_and_renew_no_more_sellers_than_its_bound() {}

  @Override
  @Test
  @Disabled(RUN_ONCE)
  void should_mark_the_seller_reauth_required_on_invalid_grant_and_fail_fast() {}

  @Override
  @Test
  @Disabled(RUN_ONCE)
  void should_keep_serving_a_valid_token_through_a_short_lwa_outage() {}

  @Override
  @Test
  @Disabled(RUN_ONCE)
  void should_fail_clearly_when_lwa_is_down_and_no_token_is_held() {}
}
