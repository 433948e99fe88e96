package io.spgate.fanout;

import io.spgate.channels.MappingStore;
import io.spgate.channels.SkuKey;
import io.spgate.seller.Seller;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/** The product type each change is sent with: its mapping's (PRODUCT unless the tenant said otherwise). */
final class ProductTypes {

  private ProductTypes() {}

  static Future<Map<SkuKey, String>> of(MappingStore mappings, Seller seller, List<SkuChange> changes) {
    return mappings.productTypes(seller.tenantId(), changes.stream().map(SkuChange::key).toList());
  }
}
