package io.spgate.reports;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.spgate.reports.document.DocumentLink;
import io.spgate.seller.Seller;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Documents' presigned links, kept for most of their five minutes: getReportDocument is allowed
 * about once a minute per seller (0.0167/s, burst 15), so a second download or a resumed one
 * within minutes reuses the link instead of spending the quota.
 */
final class DocumentLinks {

  private static final Duration KEPT = Duration.ofMinutes(4);

  private final AmazonReports amazon;
  private final Cache<String, DocumentLink> recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(KEPT).build();

  DocumentLinks(AmazonReports amazon) {
    this.amazon = amazon;
  }

  /** Links to one document: the first asked is a kept one if there is one; any later one is fresh from Amazon. */
  Supplier<Future<DocumentLink>> of(Seller seller, String documentId) {
    String key = seller.id() + "/" + documentId;
    boolean[] asked = {false};
    return () -> {
      DocumentLink kept = asked[0] ? null : recent.getIfPresent(key);
      asked[0] = true;
      if (kept != null) {
        return Future.succeededFuture(kept);
      }
      return amazon.document(seller, documentId).onSuccess(link -> recent.put(key, link));
    };
  }
}
