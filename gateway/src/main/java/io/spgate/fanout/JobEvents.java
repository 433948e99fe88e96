package io.spgate.fanout;

import io.spgate.events.EventTypes;
import io.spgate.events.NewEvent;
import io.spgate.events.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;

/** {@code job.finished} for each update job a statement ended, in that statement's transaction. */
final class JobEvents {

  /** What a statement ending jobs returns, for their events. */
  static final String RETURNING = " RETURNING j.id, j.tenant_id, j.status, j.total, j.rejected_at_intake";

  private final Outbox outbox;

  JobEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  Future<Void> finished(SqlClient tx, RowSet<Row> ended) {
    List<NewEvent> events = new ArrayList<>();
    for (Row job : ended) {
      events.add(new NewEvent(job.getUUID("tenant_id"), EventTypes.JOB_FINISHED, "job", job.getUUID("id").toString(), new JsonObject()
          .put("jobId", job.getUUID("id").toString()).put("status", job.getString("status")).put("total", job.getInteger("total"))
          .put("rejectedAtIntake", job.getInteger("rejected_at_intake"))));
    }
    return outbox.append(tx, events);
  }
}
