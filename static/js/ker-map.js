/* Ker's maps: Leaflet + markercluster fed by a GeoJSON URL (no inline script, CSP-friendly).
   Any element with class "ker-map", data-geojson-url and data-map-settings-id (the id of a
   json_script holding center, zoom, tileUrl, attribution) becomes a map. Popups use the
   feature's title (or name), label, summary and commune, always inserted as text. */
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }
  function text(value) {
    var span = document.createElement("span");
    span.textContent = value == null ? "" : String(value);
    return span.innerHTML;
  }
  function popup(properties) {
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.title || properties.name || "";
    var html = "<strong>" + link.outerHTML + "</strong>";
    if (properties.label) { html += " <em>(" + text(properties.label) + ")</em>"; }
    if (properties.summary) { html += "<br>" + text(properties.summary); }
    if (properties.commune) { html += "<br><em>" + text(properties.commune) + "</em>"; }
    return html;
  }
  Array.prototype.forEach.call(document.querySelectorAll(".ker-map[data-geojson-url]"), function (element) {
    var settings = JSON.parse(document.getElementById(element.dataset.mapSettingsId).textContent);
    var map = L.map(element).setView(settings.center, settings.zoom);
    L.tileLayer(settings.tileUrl, { attribution: settings.attribution, maxZoom: 19 }).addTo(map);
    var cluster = L.markerClusterGroup();
    map.addLayer(cluster);
    fetch(element.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          onEachFeature: function (feature, marker) { marker.bindPopup(popup(feature.properties || {})); }
        });
        cluster.addLayer(layer);
        if (layer.getLayers().length) { map.fitBounds(cluster.getBounds(), { maxZoom: 15, padding: [20, 20] }); }
      })
      .catch(function () {
        var notice = document.createElement("p");
        notice.className = "banner";
        notice.textContent = element.dataset.errorText || "";
        element.parentNode.insertBefore(notice, element);
      });
  });
})();
