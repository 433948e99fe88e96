package io.spgate.quota;

/**
 * Whose buckets a call draws from. Amazon counts a seller's calls per (application, selling
 * partner), so two seller rows for one pair (two tenants, or a seller deleted and added again)
 * share them, and grantless calls per application; both per region, each region being its own
 * endpoint. {@code tag} is the Redis Cluster hash tag that keeps one owner's keys in one slot.
 */
public record QuotaOwner(String tag, String application, String region) {

  /** A selling partner's buckets under one application: the selling partner id is the hash tag. */
  public static QuotaOwner sellingPartner(String sellingPartnerId, String application, String region) {
    return new QuotaOwner(sellingPartnerId, application, region);
  }

  /** An application's own buckets, for grantless operations (no selling partner is involved). */
  public static QuotaOwner application(String application, String region) {
    return new QuotaOwner("app:" + application, application, region);
  }

  /** {@code q:{tag}:application:region:}, the start of every bucket key of this owner. */
  String keyPrefix() {
    return "q:{" + tag + "}:" + application + ":" + region + ":";
  }
}
