package io.spgate.simulator;

import io.spgate.simulator.data.ListingsMix;

/**
 * How one simulator run behaves. Defaults suit in-process tests (random port); {@link Main} sets the documented
 * command-line defaults (port 9400).
 */
public final class SimulatorOptions {
  private String host = "127.0.0.1";
  private int port = 0;
  private int sellers = 50;
  private int applications = 1;
  private long seed = 42;
  private double timeScale = 1;
  private int tokenLifetimeSeconds = 3600;
  private double faultRate = 0;
  private ListingsMix listingsMix = ListingsMix.uniform(200);
  private int ordersPerSeller = 100;
  private boolean quotas = true;
  private int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());
  private boolean elasticMq = false;
  private int elasticMqPort = 0;
  private String sqsEndpoint;
  private long reportQueueMillis = 2_000;
  private long reportProcessingMillis = 10_000;
  private long feedQueueMillis = 2_000;
  private long feedProcessingMillis = 15_000;
  private double orderRate = 0;
  private double notificationDuplicateRate = 0;
  private long notificationMaxDelayMillis = 0;
  private double notificationDropRate = 0;

  public String host() {
    return host;
  }

  public SimulatorOptions host(String host) {
    this.host = host;
    return this;
  }

  public int port() {
    return port;
  }

  public SimulatorOptions port(int port) {
    this.port = port;
    return this;
  }

  public int sellers() {
    return sellers;
  }

  public SimulatorOptions sellers(int sellers) {
    this.sellers = sellers;
    return this;
  }

  public int applications() {
    return applications;
  }

  public SimulatorOptions applications(int applications) {
    this.applications = applications;
    return this;
  }

  public long seed() {
    return seed;
  }

  public SimulatorOptions seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** K multiplies every quota rate and divides every processing delay (bursts unchanged). */
  public double timeScale() {
    return timeScale;
  }

  public SimulatorOptions timeScale(double timeScale) {
    this.timeScale = timeScale;
    return this;
  }

  public int tokenLifetimeSeconds() {
    return tokenLifetimeSeconds;
  }

  public SimulatorOptions tokenLifetimeSeconds(int tokenLifetimeSeconds) {
    this.tokenLifetimeSeconds = tokenLifetimeSeconds;
    return this;
  }

  public double faultRate() {
    return faultRate;
  }

  public SimulatorOptions faultRate(double faultRate) {
    this.faultRate = faultRate;
    return this;
  }

  /** The listings of a seller in a uniform mix, or of the mix's first share. */
  public int listingsPerSeller() {
    return listingsMix.shares().get(0).listings();
  }

  /** Every seller gets this many listings. */
  public SimulatorOptions listingsPerSeller(int listingsPerSeller) {
    this.listingsMix = ListingsMix.uniform(listingsPerSeller);
    return this;
  }

  public ListingsMix listingsMix() {
    return listingsMix;
  }

  /** Sellers get the listing counts of the mix's shares, e.g. {@code ListingsMix.parse("950:40,50:2000")}. */
  public SimulatorOptions listingsMix(ListingsMix listingsMix) {
    this.listingsMix = listingsMix;
    return this;
  }

  public int ordersPerSeller() {
    return ordersPerSeller;
  }

  public SimulatorOptions ordersPerSeller(int ordersPerSeller) {
    this.ordersPerSeller = ordersPerSeller;
    return this;
  }

  public boolean quotas() {
    return quotas;
  }

  /** False lifts every quota: for throughput runs where the simulator must not be what limits. */
  public SimulatorOptions quotas(boolean quotas) {
    this.quotas = quotas;
    return this;
  }

  public int eventLoops() {
    return eventLoops;
  }

  public SimulatorOptions eventLoops(int eventLoops) {
    this.eventLoops = eventLoops;
    return this;
  }

  public boolean elasticMq() {
    return elasticMq;
  }

  /** Starts ElasticMQ in process; notifications are then delivered to its queues. */
  public SimulatorOptions elasticMq(boolean elasticMq) {
    this.elasticMq = elasticMq;
    return this;
  }

  public int elasticMqPort() {
    return elasticMqPort;
  }

  public SimulatorOptions elasticMqPort(int elasticMqPort) {
    this.elasticMqPort = elasticMqPort;
    return this;
  }

  /** An SQS-compatible endpoint (e.g. an ElasticMQ started elsewhere) that notifications are sent to. */
  public String sqsEndpoint() {
    return sqsEndpoint;
  }

  public SimulatorOptions sqsEndpoint(String sqsEndpoint) {
    this.sqsEndpoint = sqsEndpoint;
    return this;
  }

  public long reportQueueMillis() {
    return reportQueueMillis;
  }

  public long reportProcessingMillis() {
    return reportProcessingMillis;
  }

  /** Unscaled time a report spends IN_QUEUE, then IN_PROGRESS. */
  public SimulatorOptions reportDelays(long queueMillis, long processingMillis) {
    this.reportQueueMillis = queueMillis;
    this.reportProcessingMillis = processingMillis;
    return this;
  }

  public long feedQueueMillis() {
    return feedQueueMillis;
  }

  public long feedProcessingMillis() {
    return feedProcessingMillis;
  }

  /** Unscaled time a feed spends IN_QUEUE, then IN_PROGRESS. */
  public SimulatorOptions feedDelays(long queueMillis, long processingMillis) {
    this.feedQueueMillis = queueMillis;
    this.feedProcessingMillis = processingMillis;
    return this;
  }

  public double orderRate() {
    return orderRate;
  }

  /** New orders per simulated second across all sellers, each moving on by itself (orders/OrderActivity); 0: none. */
  public SimulatorOptions orderRate(double ordersPerSecond) {
    this.orderRate = ordersPerSecond;
    return this;
  }

  public double notificationDuplicateRate() {
    return notificationDuplicateRate;
  }

  public long notificationMaxDelayMillis() {
    return notificationMaxDelayMillis;
  }

  public double notificationDropRate() {
    return notificationDropRate;
  }

  /**
   * SQS's ways with notifications: the share of messages sent 2 to 10 times (same NotificationId), the longest delay of a
   * message in ms before the time scale (each is delayed uniformly up to it, so order is lost), and the share never sent.
   */
  public SimulatorOptions notificationTraps(double duplicateRate, long maxDelayMillis, double dropRate) {
    this.notificationDuplicateRate = duplicateRate;
    this.notificationMaxDelayMillis = maxDelayMillis;
    this.notificationDropRate = dropRate;
    return this;
  }
}
