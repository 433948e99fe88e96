package io.spgate.reports.document;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.FlowableTransformer;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.Charset;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * A report document on its way from S3 to the caller, as one transformer: gunzip (when the bytes
 * are gzip), UTF-8 (from the charset S3's Content-Type names), then the format's conversion. Each
 * stage holds a chunk or a row at most, so memory stays constant whatever the document's size, and
 * each waits for demand, so a slow caller pauses the download. One pipeline serves one download;
 * its counts are final once the stream completed.
 *
 * <p>JSON and XML report documents only make sense as {@link DocumentFormat#RAW} or
 * {@link DocumentFormat#TSV} (gunzipped, transcoded): the conversions read TSV.
 */
public final class DocumentPipeline implements FlowableTransformer<Buffer, Buffer> {

  private final DocumentFormat format;
  private final Optional<Charset> charset;
  private final Optional<Gunzip> gunzip;
  private final Optional<Utf8Transcoder> transcoder;
  private final Optional<TsvConversion> conversion;

  private DocumentPipeline(DocumentFormat format, Optional<Charset> charset, Optional<Gunzip> gunzip,
      Optional<Utf8Transcoder> transcoder, Optional<TsvConversion> conversion) {
    this.format = format;
    this.charset = charset;
    this.gunzip = gunzip;
    this.transcoder = transcoder;
    this.conversion = conversion;
  }

  /**
   * The pipeline for a document S3 sent with {@code contentType} (may be null), to be delivered as
   * {@code format}. Throws {@link java.nio.charset.UnsupportedCharsetException} for a charset the
   * JVM does not know, unless the format is RAW (which never decodes).
   */
  public static DocumentPipeline of(DocumentFormat format, String contentType) {
    if (format == DocumentFormat.RAW) {
      return new DocumentPipeline(format, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
    Charset charset = DocumentCharset.fromContentType(contentType);
    Optional<TsvConversion> conversion = switch (format) {
      case NDJSON -> Optional.of(new TsvToNdjson());
      case CSV -> Optional.of(new TsvToCsv());
      default -> Optional.empty();
    };
    return new DocumentPipeline(format, Optional.of(charset), Optional.of(new Gunzip()), Optional.of(new Utf8Transcoder(charset)),
        conversion);
  }

  @Override
  public Publisher<Buffer> apply(Flowable<Buffer> upstream) {
    Flowable<Buffer> stream = upstream;
    if (gunzip.isPresent()) {
      stream = stream.compose(gunzip.get());
    }
    if (transcoder.isPresent()) {
      stream = stream.compose(transcoder.get());
    }
    if (conversion.isPresent()) {
      stream = stream.compose(conversion.get());
    }
    return stream;
  }

  public DocumentFormat format() {
    return format;
  }

  /** The charset the document is decoded from; empty for RAW. */
  public Optional<Charset> charset() {
    return charset;
  }

  /** Whether the body was gzip and was gunzipped (false for RAW, which never looks). */
  public boolean gunzipped() {
    return gunzip.map(Gunzip::gzipped).orElse(false);
  }

  /** Data rows converted, the header not counted; 0 for RAW and TSV, which do not parse rows. */
  public long rows() {
    return conversion.map(TsvConversion::rows).orElse(0L);
  }

  /** Bytes of the document its charset could not decode, now U+FFFD each. */
  public long replacedCharacters() {
    return transcoder.map(Utf8Transcoder::replaced).orElse(0L);
  }
}
