package io.spgate.simulator.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Words for product titles in each marketplace's language. They deliberately contain characters outside ASCII
 * (ä, é, ñ, 日本語) so that a client decoding a windows-1252 or Shift_JIS report as UTF-8 sees garbage.
 */
final class ProductWords {
  private static final List<String> EN = List.of("Stainless", "Bottle", "Garden", "Hose", "Kitchen", "Knife", "Travel", "Mug", "Cotton",
      "Towel", "LED", "Lamp");
  private static final List<String> DE = List.of("Größe", "Kühlschrank", "Edelstahl", "Flasche", "Gartenschlauch", "Küchenmesser", "Tasse",
      "Baumwoll", "Handtuch", "Lampe");
  private static final List<String> FR = List.of("Crème", "Élégant", "Bouteille", "Tuyau", "Couteau", "Tasse", "Coton", "Serviette",
      "Lampe", "Café");
  private static final List<String> ES = List.of("Niño", "Señal", "Botella", "Jardín", "Cuchillo", "Taza", "Algodón", "Toalla", "Lámpara",
      "Café");
  private static final List<String> IT = List.of("Caffè", "Città", "Bottiglia", "Giardino", "Coltello", "Tazza", "Cotone", "Asciugamano",
      "Lampada", "Perché");
  private static final List<String> JA = List.of("日本製", "ステンレス", "水筒", "庭", "ホース", "包丁", "マグカップ", "綿", "タオル", "ランプ");

  private ProductWords() {}

  static String title(Marketplace marketplace, SplittableRandom random) {
    List<String> words = switch (marketplace.languageTag().substring(0, 2)) {
      case "de" -> DE;
      case "fr" -> FR;
      case "es" -> ES;
      case "it" -> IT;
      case "ja" -> JA;
      default -> EN;
    };
    String separator = words == JA ? "" : " ";
    return words.get(random.nextInt(words.size())) + separator + words.get(random.nextInt(words.size())) + separator
        + words.get(random.nextInt(words.size()));
  }
}
