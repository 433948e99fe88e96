package io.spgate.quota;

import io.spgate.seller.Region;
import io.spgate.seller.Seller;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A fresh seller for quota tests, which need only its id and region. */
final class Sellers {

  private Sellers() {}

  static Seller fresh() {
    return new Seller(UUID.randomUUID(), UUID.randomUUID(), "A1QUOTA", "main", Region.NA, List.of("ATVPDKIKX0DER"),
        Seller.Status.ACTIVE, new Seller.TokenHealth(Optional.empty(), Optional.empty(), Optional.empty()),
        OffsetDateTime.now(), OffsetDateTime.now());
  }
}
