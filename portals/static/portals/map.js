/* Map of everything geolocated (articles and commons): Leaflet + markercluster, fed by GeoJSON. */
(function () {
  "use strict";
  var element = document.getElementById("territory-map");
  if (!element || typeof L === "undefined") { return; }
  var settings = JSON.parse(document.getElementById("territory-map-settings").textContent);
  var map = L.map(element).setView(settings.center, settings.zoom);
  L.tileLayer(settings.tileUrl, { attribution: settings.attribution, maxZoom: 19 }).addTo(map);
  var cluster = L.markerClusterGroup();
  map.addLayer(cluster);
  function text(value) {
    var span = document.createElement("span");
    span.textContent = value == null ? "" : String(value);
    return span.innerHTML;
  }
  fetch(element.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        onEachFeature: function (feature, marker) {
          var p = feature.properties || {};
          var link = document.createElement("a");
          link.href = p.url;
          link.textContent = p.title;
          marker.bindPopup("<strong>" + link.outerHTML + "</strong> <em>(" + text(p.label) + ")</em><br>" + text(p.summary));
        }
      });
      cluster.addLayer(layer);
      if (layer.getLayers().length) { map.fitBounds(cluster.getBounds(), { maxZoom: 15, padding: [20, 20] }); }
    })
    .catch(function () { element.textContent = element.dataset.errorText || ""; });
})();
