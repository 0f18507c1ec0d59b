/* The commons map: Leaflet + markercluster, fed by the GeoJSON endpoint (no inline script). */
(function () {
  "use strict";
  var element = document.getElementById("commons-map");
  if (!element || typeof L === "undefined") { return; }
  var settings = JSON.parse(document.getElementById(element.dataset.mapSettingsId).textContent);
  var map = L.map(element).setView(settings.center, settings.zoom);
  L.tileLayer(settings.tileUrl, { attribution: settings.attribution, maxZoom: 19 }).addTo(map);
  var cluster = L.markerClusterGroup();
  map.addLayer(cluster);

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  fetch(element.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        onEachFeature: function (feature, marker) {
          var p = feature.properties || {};
          var link = document.createElement("a");
          link.href = p.url;
          link.textContent = p.name;
          marker.bindPopup(
            "<strong>" + link.outerHTML + "</strong><br>" + escapeHtml(p.summary) +
            (p.commune ? "<br><em>" + escapeHtml(p.commune) + "</em>" : "")
          );
        }
      });
      cluster.addLayer(layer);
      if (layer.getLayers().length) { map.fitBounds(cluster.getBounds(), { maxZoom: 15, padding: [20, 20] }); }
    })
    .catch(function () {
      element.insertAdjacentHTML("beforebegin", "<p class=\"banner\">La carte n'a pas pu être chargée ; utilisez la liste.</p>");
    });
})();
