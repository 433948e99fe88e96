package io.spgate.simulator.documents;

import io.spgate.simulator.SimClock;
import io.spgate.simulator.faults.FaultSettings;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The simulator's S3: documents by id behind presigned URLs. Feed documents are uploaded with PUT (with the
 * Content-Type given to createFeedDocument, else the signature does not match, as on S3); every document is read with GET,
 * whole or one byte range (Range: bytes=N-, N-M or -K; 206 with Content-Range).
 */
public final class DocumentStore {
  public static final String PATH = "/_sim/documents/";
  private static final long MAX_UPLOAD_BYTES = 512L * 1024 * 1024;
  /** A closed range of a document whose total is not known yet is read into memory up to this size, else the total is measured first. */
  private static final long MAX_COLLECTED_RANGE = 16L * 1024 * 1024;

  private final SimClock clock;
  private final FaultSettings faults;
  private final LongAdder cut = new LongAdder();
  private final PresignedUrls urls = new PresignedUrls();
  private final ConcurrentHashMap<String, Document> documents = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Upload> uploads = new ConcurrentHashMap<>();

  /** A feed document created but not necessarily uploaded yet. */
  private record Upload(String id, String sellerId, String contentType) {}

  public DocumentStore(SimClock clock, FaultSettings faults) {
    this.clock = clock;
    this.faults = faults;
  }

  /** Downloads whose client went away before the last byte. */
  public long transfersCut() {
    return cut.sum();
  }

  public void register(Router router) {
    router.get(PATH + ":id").handler(this::download);
    router.put(PATH + ":id").handler(this::upload);
  }

  public String newFeedDocument(String sellerId, String contentType) {
    String id = "amzn1.tortuga.4.na." + UUID.randomUUID();
    uploads.put(id, new Upload(id, sellerId, contentType));
    return id;
  }

  public boolean isFeedDocumentOf(String id, String sellerId) {
    Upload upload = uploads.get(id);
    return upload != null && upload.sellerId().equals(sellerId);
  }

  public void put(Document document) {
    documents.put(document.id(), document);
  }

  public Optional<Document> get(String id) {
    return Optional.ofNullable(documents.get(id));
  }

  /** A presigned URL for the document, on the host the client used to reach the simulator. */
  public String url(HttpServerRequest request, String id) {
    return url(request, id, false);
  }

  /** With {@code gzipContentEncoding}, GETs of the URL answer Content-Encoding: gzip (enableContentEncodingUrlHeader=true). */
  public String url(HttpServerRequest request, String id, boolean gzipContentEncoding) {
    return "http://" + request.authority() + PATH + id + "?" + urls.query(id, clock.now(), gzipContentEncoding);
  }

  private boolean signed(RoutingContext ctx, String id) {
    String refusal = urls.refusal(id, ctx.request().getParam("X-Amz-Date"), ctx.request().getParam(PresignedUrls.CONTENT_ENCODING_PARAM),
        ctx.request().getParam("X-Amz-Signature"), clock.now());
    if (refusal == null) {
      return true;
    }
    String message = "AccessDenied".equals(refusal) ? "Request has expired"
        : "The request signature we calculated does not match the signature you provided.";
    s3Error(ctx.response(), 403, refusal, message);
    return false;
  }

  private void download(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!signed(ctx, id)) {
      return;
    }
    Document document = documents.get(id);
    if (document == null) {
      s3Error(ctx.response(), 404, "NoSuchKey", "The specified key does not exist.");
      return;
    }
    HttpServerResponse response = ctx.response().putHeader("content-type", document.contentType()).putHeader("accept-ranges", "bytes");
    boolean askedForEncoding = "gzip".equals(ctx.request().getParam(PresignedUrls.CONTENT_ENCODING_PARAM));
    if (document.gzipCompressed() && (askedForEncoding || faults.doubleGzipDocuments())) {
      // The body stays the one gzip stream; the header says so (asked for), or is the June 2023 double-gzip trap (fault).
      response.putHeader("content-encoding", "gzip");
    }
    ByteRange range = ByteRange.parse(ctx.request().getHeader("range"));
    long total = document.knownLength();
    if (range == null) {
      if (total >= 0) {
        response.putHeader("content-length", Long.toString(total));
      } else {
        response.setChunked(true);
      }
      new DocumentTransfer(response, document.open(), 0, Long.MAX_VALUE, cut::increment).start();
    } else if (total >= 0) {
      sendRange(response, document, range, total);
    } else if (range.closed() && range.last() - range.first() < MAX_COLLECTED_RANGE) {
      sendCollectedRange(response, document, range);
    } else {
      // An open range needs the total for its Content-Range: read the document once without sending it.
      ctx.vertx().executeBlocking(() -> measure(document))
          .onSuccess(measured -> sendRange(response, document, range, measured))
          .onFailure(e -> s3Error(response, 500, "InternalError", "We encountered an internal error. Please try again."));
    }
  }

  private static long measure(Document document) {
    Document.Chunks chunks = document.open();
    long total = 0;
    for (Buffer chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
      total += chunk.length();
    }
    return total;
  }

  private void sendRange(HttpServerResponse response, Document document, ByteRange range, long total) {
    long[] bytes = range.within(total);
    if (bytes == null) {
      unsatisfiable(response, total);
      return;
    }
    response.setStatusCode(206).putHeader("content-range", "bytes " + bytes[0] + "-" + bytes[1] + "/" + total)
        .putHeader("content-length", Long.toString(bytes[1] - bytes[0] + 1));
    new DocumentTransfer(response, document.open(), bytes[0], bytes[1], cut::increment).start();
  }

  /** A closed range of a document not yet read to its end: the total is named only if the document ended inside the range. */
  private static void sendCollectedRange(HttpServerResponse response, Document document, ByteRange range) {
    DocumentTransfer.collect(document.open(), range.first(), range.last()).onSuccess(collected -> {
      if (response.closed()) {
        return;
      }
      if (collected.bytes.length() == 0) {
        unsatisfiable(response, collected.position);
        return;
      }
      long last = range.first() + collected.bytes.length() - 1;
      String total = collected.ended ? Long.toString(collected.position) : "*";
      response.setStatusCode(206).putHeader("content-range", "bytes " + range.first() + "-" + last + "/" + total)
          .putHeader("content-length", Integer.toString(collected.bytes.length())).end(collected.bytes);
    });
  }

  private static void unsatisfiable(HttpServerResponse response, long total) {
    response.headers().remove("content-encoding");
    response.putHeader("content-range", "bytes */" + total);
    s3Error(response, 416, "InvalidRange", "The requested range is not satisfiable");
  }

  private void upload(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!signed(ctx, id)) {
      return;
    }
    Upload upload = uploads.get(id);
    if (upload == null) {
      s3Error(ctx.response(), 404, "NoSuchKey", "The specified key does not exist.");
      return;
    }
    String contentType = ctx.request().getHeader("content-type");
    if (contentType == null || !contentType.equalsIgnoreCase(upload.contentType())) {
      s3Error(ctx.response(), 403, "SignatureDoesNotMatch",
          "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
      return;
    }
    Buffer content = Buffer.buffer();
    ctx.request().handler(chunk -> {
      if (content.length() + chunk.length() > MAX_UPLOAD_BYTES) {
        s3Error(ctx.response(), 400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size");
        ctx.request().connection().close();
        return;
      }
      content.appendBuffer(chunk);
    });
    ctx.request().endHandler(v -> {
      if (!ctx.response().ended()) {
        documents.put(id, new Document.Stored(id, upload.sellerId(), upload.contentType(), content));
        ctx.response().setStatusCode(200).putHeader("ETag", "\"" + Integer.toHexString(content.hashCode()) + "\"").end();
      }
    });
    // The router may have paused the request while routing; the handlers are in place now.
    ctx.request().resume();
  }

  private static void s3Error(HttpServerResponse response, int status, String code, String message) {
    if (!response.ended()) {
      response.setStatusCode(status).putHeader("content-type", "application/xml")
          .end("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message + "</Message></Error>");
    }
  }
}
