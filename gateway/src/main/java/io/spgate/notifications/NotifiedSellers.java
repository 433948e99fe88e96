package io.spgate.notifications;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The sellers a notification is about: every seller row of its selling partner under the application it came for (any
 * application when it names none). Two tenants may hold the same selling partner; each hears of it.
 */
public final class NotifiedSellers {

  /** One seller the notification is about, and the tenant holding it. */
  public record NotifiedSeller(UUID sellerId, UUID tenantId) {}

  private NotifiedSellers() {}

  public static Future<List<NotifiedSeller>> of(SqlClient tx, Notification notification, String sellingPartnerId) {
    return tx.preparedQuery("SELECT s.id, s.tenant_id FROM sellers s JOIN applications a ON a.id = s.application"
            + " WHERE s.selling_partner_id = $1 AND ($2::text IS NULL OR a.application_id = $2)")
        .execute(Tuple.of(sellingPartnerId, notification.applicationId().orElse(null))).map(rows -> {
          List<NotifiedSeller> sellers = new ArrayList<>();
          rows.forEach(row -> sellers.add(new NotifiedSeller(row.getUUID("id"), row.getUUID("tenant_id"))));
          return sellers;
        });
  }
}
