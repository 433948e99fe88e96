package io.spgate.channels;

/** One SKU of one channel: what a mapping is keyed by. */
public record SkuKey(java.util.UUID sellerId, String marketplaceId, String sku) {

  public ChannelId channelId() {
    return new ChannelId(sellerId, marketplaceId);
  }
}
