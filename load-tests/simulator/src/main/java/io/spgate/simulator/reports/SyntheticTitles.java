package io.spgate.simulator.reports;

import io.spgate.simulator.data.Marketplace;
import java.util.List;

/** Product titles for synthetic report rows, in the marketplace's language, picked by a row hash. */
final class SyntheticTitles {
  private static final List<String> LATIN = List.of("Edelstahl Flasche Größe M", "Crème Élégante 50ml", "Niño Toalla Algodón",
      "Caffè Tazza Città", "Stainless Travel Mug");
  private static final List<String> JAPANESE = List.of("日本製 ステンレス 水筒", "綿 タオル セット", "マグカップ 白", "包丁 三徳 日本製", "ランプ 和風");

  private SyntheticTitles() {}

  static String title(Marketplace marketplace, long hash) {
    List<String> titles = marketplace == Marketplace.JP ? JAPANESE : LATIN;
    return titles.get((int) Math.floorMod(hash >>> 40, titles.size()));
  }
}
