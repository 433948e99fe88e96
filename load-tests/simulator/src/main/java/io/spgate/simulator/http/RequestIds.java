package io.spgate.simulator.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** x-amzn-RequestId values: a random UUID, as Amazon's look. */
public final class RequestIds {
  public static final String HEADER = "x-amzn-RequestId";

  private RequestIds() {}

  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }
}
