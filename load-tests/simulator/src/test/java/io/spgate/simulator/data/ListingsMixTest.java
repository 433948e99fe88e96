package io.spgate.simulator.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ListingsMixTest {

  @Test
  void each_block_of_sellers_gets_exactly_the_shares_asked_for() {
    ListingsMix mix = ListingsMix.parse("950:40,50:2000");
    assertThat(mix.blockSize()).isEqualTo(1000);
    for (int block = 0; block < 3; block++) {
      int from = block * 1000;
      List<Integer> counts = IntStream.range(from, from + 1000).mapToObj(i -> mix.listingsFor(i, 42)).toList();
      assertThat(counts.stream().filter(n -> n == 2000).count()).isEqualTo(50);
      assertThat(counts.stream().filter(n -> n == 40).count()).isEqualTo(950);
    }
  }

  @Test
  void the_seed_decides_which_sellers_are_the_large_ones() {
    ListingsMix mix = ListingsMix.parse("950:40,50:2000");
    List<Integer> seed42 = IntStream.range(0, 1000).mapToObj(i -> mix.listingsFor(i, 42)).toList();
    assertThat(IntStream.range(0, 1000).mapToObj(i -> mix.listingsFor(i, 42)).toList()).isEqualTo(seed42);
    assertThat(IntStream.range(0, 1000).mapToObj(i -> mix.listingsFor(i, 7)).toList()).isNotEqualTo(seed42);
    assertThat(seed42.subList(0, 50)).as("the large sellers are spread, not the first 50").contains(40);
  }

  @Test
  void a_world_gives_each_seller_its_share_and_a_third_of_listings_are_fba() {
    DemoWorld world = new DemoWorld(42, 40, 1, ListingsMix.parse("3:10,1:300"), 0, Instant.now());
    List<Integer> sizes = world.sellers().stream().map(s -> world.store(s).listings().size()).toList();
    assertThat(sizes).containsOnly(10, 300);
    assertThat(sizes.stream().filter(n -> n == 300).count()).isEqualTo(10);
    Seller large = world.sellers().get(sizes.indexOf(300));
    assertThat(world.seededListings(large)).isEqualTo(300);
    long fba = world.store(large).listings().values().stream().filter(Listing::fulfilledByAmazon).count();
    assertThat(fba).isBetween(70L, 130L);
  }

  @Test
  void specs_that_are_not_shares_are_refused_with_a_reason() {
    assertThat(ListingsMix.parse(" 1:5 ").listingsFor(123, 1)).isEqualTo(5);
    assertThat(ListingsMix.parse("950:40,50:2000").toString()).isEqualTo("950:40,50:2000");
    assertThatThrownBy(() -> ListingsMix.parse("950-40")).hasMessageContaining("sellers:listings");
    assertThatThrownBy(() -> ListingsMix.parse("0:40")).hasMessageContaining("at least 1 seller");
    assertThatThrownBy(() -> ListingsMix.parse("a:40")).hasMessageContaining("whole numbers");
    assertThatThrownBy(() -> ListingsMix.parse("1:-4")).hasMessageContaining("between 0 and");
    assertThatThrownBy(() -> ListingsMix.parse("1:4,")).hasMessageContaining("sellers:listings");
  }

  @Test
  void a_seller_with_100000_listings_is_generated_in_well_under_a_few_seconds_and_little_memory() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    DemoWorld world = new DemoWorld(42, 20, 1, ListingsMix.uniform(100_000), 100, Instant.now());
    Seller seller = world.sellers().stream().filter(s -> s.marketplaces().size() >= 3).findFirst().orElseThrow();
    System.gc();
    long before = memory.getHeapMemoryUsage().getUsed();
    long start = System.nanoTime();
    SellerStore store = world.store(seller);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.gc();
    long retainedMb = (memory.getHeapMemoryUsage().getUsed() - before) / (1024 * 1024);
    assertThat(store.listings()).hasSize(100_000);
    // Measured here at about 0.3 s and 25 MB; with each listing's JSON held it was 9 s and 740 MB.
    assertThat(millis).as("generation time in ms").isLessThan(3_000);
    assertThat(retainedMb).as("heap held by the listings, MB").isLessThan(150);
    Listing last = store.listings().lastEntry().getValue();
    assertThat(last.sku()).endsWith("-99999");
    assertThat(last.title(seller.homeMarketplace().id())).isEqualTo(last.title(seller.homeMarketplace().id())).isNotBlank();
    assertThat(last.attributes().getJsonArray("item_name")).hasSize(seller.marketplaces().size());
  }
}
