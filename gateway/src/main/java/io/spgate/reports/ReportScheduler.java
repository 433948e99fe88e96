package io.spgate.reports;

import io.spgate.store.LeasedRounds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs due report schedules: each run makes a job (which {@link ReportJobWorker} takes to Amazon)
 * and sets the next run a period later; runs missed while no instance was up are not made up for,
 * the next one is simply due at once.
 */
final class ReportScheduler {

  private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);
  private static final Duration LEASE = Duration.ofSeconds(60);
  private static final int BATCH = 20;

  private final Vertx vertx;
  private final ReportScheduleStore schedules;
  private final ReportJobStore jobs;
  private final ReportTypes types;
  private final LeasedRounds<ReportSchedule> rounds;

  ReportScheduler(Vertx vertx, ReportScheduleStore schedules, ReportJobStore jobs, ReportTypes types) {
    this.vertx = vertx;
    this.schedules = schedules;
    this.jobs = jobs;
    this.types = types;
    this.rounds = new LeasedRounds<>("Report schedules", () -> schedules.leaseDue(BATCH, LEASE), this::run);
  }

  void start(Duration tick) {
    rounds.every(vertx, tick);
  }

  /** No more runs; completes when the schedules in hand made their jobs. */
  Future<Void> stop() {
    return rounds.stop();
  }

  private Future<Void> run(ReportSchedule schedule) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    boolean datesIgnored = types.get(schedule.reportType()).map(ReportTypes.ReportType::datesIgnored).orElse(false);
    OffsetDateTime next = schedule.nextRunAt().plus(schedule.period());
    OffsetDateTime nextRun = next.isBefore(now) ? now.plus(schedule.period()) : next;
    return jobs.create(schedule.tenantId(), schedule.sellerId(), Optional.of(schedule.id()), schedule.specAt(now, datesIgnored))
        .compose(job -> schedules.ran(schedule.id(), Optional.of(job.id()), nextRun))
        .recover(e -> {
          LOG.warn("Report schedule {} could not make its job: {}", schedule.id(), e.getMessage());
          return schedules.ran(schedule.id(), Optional.empty(), now.plus(Duration.ofMinutes(1)));
        });
  }
}
