package io.spgate.simulator.listings;

import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.Listing;
import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.SellerStore;
import io.spgate.simulator.http.AmazonErrors;
import io.spgate.simulator.http.SpApiRequest;
import io.spgate.simulator.http.SpApiRoutes;
import io.spgate.simulator.model.validation.InvalidInputException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Listings Items API 2021-08-01: get, put, patch, delete and search a seller's listings. */
public final class ListingsApi {
  private static final String API = "listingsItems_2021-08-01";

  private final DemoWorld world;
  private final ListingEditor editor;
  private final ListingIssues listingIssues;

  public ListingsApi(DemoWorld world, ListingEditor editor, ListingIssues listingIssues) {
    this.world = world;
    this.editor = editor;
    this.listingIssues = listingIssues;
  }

  public void register(SpApiRoutes routes) {
    routes.serve(API, "getListingsItem", this::getListingsItem);
    routes.serve(API, "putListingsItem", this::putListingsItem);
    routes.serve(API, "patchListingsItem", this::patchListingsItem);
    routes.serve(API, "deleteListingsItem", this::deleteListingsItem);
    routes.serve(API, "searchListingsItems", this::searchListingsItems);
  }

  /** The path's sellerId must be the token's seller; anything else is someone else's data. */
  private Optional<SellerStore> ownStore(SpApiRequest request) {
    if (!request.seller().sellerId().equals(request.pathParam("sellerId"))) {
      AmazonErrors.unauthorized(request.response(), "The sellerId in the path does not match the authorized selling partner.");
      return Optional.empty();
    }
    List<String> marketplaceIds = request.queryList("marketplaceIds");
    request.requireSellerMarketplaces(marketplaceIds);
    return Optional.of(world.store(request.seller()));
  }

  private static List<String> includedData(SpApiRequest request) {
    List<String> included = request.queryList("includedData");
    return included.isEmpty() ? List.of("summaries") : included;
  }

  private void getListingsItem(SpApiRequest request) {
    String sku = request.pathParam("sku");
    String marketplaceId = request.queryList("marketplaceIds").get(0);
    ownStore(request).ifPresent(store -> store.listing(sku).ifPresentOrElse(
        listing -> request.ok(ListingJson.item(listing, marketplaceId, includedData(request),
            listingIssues.of(store.seller().sellerId(), sku))),
        // The Listings API's own 404 code (amzn/selling-partner-api-models#4283), not the v0 APIs' NotFound.
        () -> AmazonErrors.send(request.response(), 404, "NOT_FOUND", "SKU " + sku + " not found in marketplace " + marketplaceId, "")));
  }

  private void putListingsItem(SpApiRequest request) {
    submit(request, (store, marketplace, body, mode) -> editor.put(store, request.pathParam("sku"), marketplace,
        body.getString("productType"), body.getJsonObject("attributes"), mode));
  }

  private void patchListingsItem(SpApiRequest request) {
    submit(request, (store, marketplace, body, mode) -> editor.patch(store, request.pathParam("sku"), marketplace,
        body.getString("productType"), body.getJsonArray("patches"), mode));
  }

  /** A put or patch: applied, or with mode=VALIDATION_PREVIEW only checked. */
  private interface Submission {
    ListingEditor.Outcome run(SellerStore store, Marketplace marketplace, JsonObject body, ListingEditor.Mode mode);
  }

  private void submit(SpApiRequest request, Submission submission) {
    ownStore(request).ifPresent(store -> {
      boolean preview = "VALIDATION_PREVIEW".equals(request.query("mode"));
      Marketplace marketplace = Marketplace.byId(request.queryList("marketplaceIds").get(0)).orElseThrow();
      ListingEditor.Outcome outcome = submission.run(store, marketplace, request.body(),
          preview ? ListingEditor.Mode.PREVIEW : ListingEditor.Mode.APPLY);
      // Issues found after acceptance are not in the answer: getListingsItem shows them later, as on Amazon.
      submitted(request, request.pathParam("sku"), outcome.validation(), outcome.invalid(), preview);
    });
  }

  private void deleteListingsItem(SpApiRequest request) {
    ownStore(request).ifPresent(store -> {
      String sku = request.pathParam("sku");
      if (editor.delete(store, sku)) {
        submitted(request, sku, List.of(), false, false);
      } else {
        request.notFound("SKU " + sku + " not found");
      }
    });
  }

  private void submitted(SpApiRequest request, String sku, List<Issue> issues, boolean invalid, boolean preview) {
    JsonArray issueJson = new JsonArray();
    issues.forEach(i -> issueJson.add(i.toJson()));
    String status = invalid ? "INVALID" : preview ? "VALID" : "ACCEPTED";
    JsonObject response = new JsonObject().put("sku", sku).put("status", status)
        .put("submissionId", UUID.randomUUID().toString().replace("-", "")).put("issues", issueJson);
    Optional<Listing> listing = world.store(request.seller()).listing(sku);
    if (listing.isPresent() && !preview) {
      String mp = request.queryList("marketplaceIds").get(0);
      response.put("identifiers", new JsonArray().add(new JsonObject().put("marketplaceId", mp).put("asin", listing.get().asin())));
    }
    request.ok(response);
  }

  private void searchListingsItems(SpApiRequest request) {
    ownStore(request).ifPresent(store -> {
      String marketplaceId = request.queryList("marketplaceIds").get(0);
      List<String> identifiers = request.queryList("identifiers");
      String identifiersType = request.query("identifiersType");
      if (!identifiers.isEmpty() && identifiersType == null) {
        throw new InvalidInputException("identifiersType is required with identifiers");
      }
      List<Listing> matches = new ArrayList<>();
      for (Listing listing : store.listings().values()) {
        if (identifiers.isEmpty()
            || ("SKU".equals(identifiersType) && identifiers.contains(listing.sku()))
            || ("ASIN".equals(identifiersType) && identifiers.contains(listing.asin()))) {
          matches.add(listing);
        }
      }
      matches.sort(comparator(request.query("sortBy", "lastUpdatedDate"), request.query("sortOrder", "DESC")));
      int pageSize = request.queryInt("pageSize", 10);
      int offset = decodePageToken(request.query("pageToken"));
      JsonArray items = new JsonArray();
      List<String> included = includedData(request);
      for (Listing listing : matches.subList(Math.min(offset, matches.size()), Math.min(offset + pageSize, matches.size()))) {
        items.add(ListingJson.item(listing, marketplaceId, included, listingIssues.of(store.seller().sellerId(), listing.sku())));
      }
      JsonObject pagination = new JsonObject();
      if (offset + pageSize < matches.size()) {
        pagination.put("nextToken", encodePageToken(offset + pageSize));
      }
      if (offset > 0) {
        pagination.put("previousToken", encodePageToken(Math.max(0, offset - pageSize)));
      }
      request.ok(new JsonObject().put("numberOfResults", matches.size()).put("pagination", pagination).put("items", items));
    });
  }

  private static Comparator<Listing> comparator(String sortBy, String sortOrder) {
    Comparator<Listing> c = switch (sortBy) {
      case "sku" -> Comparator.comparing(Listing::sku);
      case "createdDate" -> Comparator.comparing(Listing::createdDate).thenComparing(Listing::sku);
      default -> Comparator.comparing(Listing::lastUpdatedDate).thenComparing(Listing::sku);
    };
    return "ASC".equals(sortOrder) ? c : c.reversed();
  }

  private static String encodePageToken(int offset) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int decodePageToken(String token) {
    if (token == null) {
      return 0;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      return Integer.parseInt(decoded.substring(2));
    } catch (RuntimeException e) {
      throw new InvalidInputException("Invalid pageToken");
    }
  }
}
