package io.spgate.fanout;

/** How a seller's updates travel to Amazon. */
enum Route {
  /** patchListingsItem, one SKU a call: quick to apply, bounded by the seller's 5 calls a second. */
  PATCHES("patches"),
  /** JSON_LISTINGS_FEED, up to 25,000 SKUs a feed: few calls, but Amazon takes minutes to hours to process one. */
  FEED("feed");

  private final String value;

  Route(String value) {
    this.value = value;
  }

  String value() {
    return value;
  }
}
