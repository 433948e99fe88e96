package io.spgate.reports.document;

import io.reactivex.rxjava3.core.Flowable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.rxjava3.FlowableHelper;
import io.vertx.rxjava3.RxHelper;

/**
 * Between Vert.x's core streams (an upstream response, the caller's response) and the pipeline's
 * Flowables, with backpressure both ways: the source is read only as the Flowable is requested
 * (Vert.x's {@code fetch}), and the sink requests more only while its write queue has room (and again
 * on drain), so a slow caller pauses the download and nothing piles up in between.
 */
public final class DocumentStreams {

  private DocumentStreams() {
  }

  /** The source as a Flowable; it stays paused until the Flowable is subscribed and requested. */
  public static Flowable<Buffer> flowable(ReadStream<Buffer> source) {
    return FlowableHelper.toFlowable(source);
  }

  /**
   * Writes the Flowable to the sink and ends it; completes once it is ended. When the Flowable fails,
   * the sink is left unended for the caller to cut (an HTTP response ended now would look complete);
   * when the sink fails (the caller went away), the Flowable is cancelled.
   */
  public static Future<Void> pipe(Flowable<Buffer> body, WriteStream<Buffer> sink) {
    Promise<Void> done = Promise.promise();
    body.subscribe(RxHelper.toSubscriber(sink)
        .onError(done::tryFail)
        .onWriteStreamError(done::tryFail)
        .onWriteStreamEnd(done::tryComplete)
        .onWriteStreamEndError(done::tryFail));
    return done.future();
  }
}
