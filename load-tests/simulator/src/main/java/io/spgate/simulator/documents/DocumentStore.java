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

/**
 * The simulator's S3: documents by id behind presigned URLs. Feed documents are uploaded with PUT (with the
 * Content-Type given to createFeedDocument, else the signature does not match, as on S3); every document is read with GET.
 */
public final class DocumentStore {
  public static final String PATH = "/_sim/documents/";
  private static final long MAX_UPLOAD_BYTES = 512L * 1024 * 1024;

  private final SimClock clock;
  private final FaultSettings faults;
  private final PresignedUrls urls = new PresignedUrls();
  private final ConcurrentHashMap<String, Document> documents = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Upload> uploads = new ConcurrentHashMap<>();

  /** A feed document created but not necessarily uploaded yet. */
  private record Upload(String id, String sellerId, String contentType) {}

  public DocumentStore(SimClock clock, FaultSettings faults) {
    this.clock = clock;
    this.faults = faults;
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
    return "http://" + request.authority() + PATH + id + "?" + urls.query(id, clock.now());
  }

  private boolean signed(RoutingContext ctx, String id) {
    String refusal = urls.refusal(id, ctx.request().getParam("X-Amz-Date"), ctx.request().getParam("X-Amz-Signature"), clock.now());
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
    if (faults.doubleGzipDocuments() && document.gzipCompressed()) {
      // The trap: an already gzip-compressed document also labelled Content-Encoding: gzip.
      ctx.response().putHeader("content-encoding", "gzip");
    }
    document.writeTo(ctx.response());
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
