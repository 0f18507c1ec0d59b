/* Ker's maps: Leaflet + markercluster fed by a GeoJSON URL (no inline script, CSP-friendly).
   Any element with class "ker-map", data-geojson-url and data-map-settings-id (the id of a
   json_script holding center, zoom, tileUrl, attribution) becomes a map; data-point makes a
   one-marker mini-map; class "ker-place-picker" makes a place picker. Popups use the
   feature's title (or name), label, summary and commune, always inserted as text. */
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }
  if (window.kerMapLoaded) { return; }
  window.kerMapLoaded = true;
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
  function settingsOf(element) {
    return JSON.parse(document.getElementById(element.dataset.mapSettingsId).textContent);
  }
  function baseMap(element, settings) {
    var map = L.map(element).setView(settings.center, settings.zoom);
    L.tileLayer(settings.tileUrl, { attribution: settings.attribution, maxZoom: 19 }).addTo(map);
    element.kerMap = map;
    return map;
  }
  /* Mini-map: data-point="lat,lng" and data-title, one marker, no feed. A picture of the
     place, not a control: nothing in it takes the focus, the wheel or a drag (the text link
     next to it opens a full map), so keyboard and screen-reader users skip it safely. */
  Array.prototype.forEach.call(document.querySelectorAll(".ker-map[data-point]"), function (element) {
    var point = element.dataset.point.split(",").map(parseFloat);
    if (point.length !== 2 || isNaN(point[0]) || isNaN(point[1])) { return; }
    var settings = settingsOf(element);
    var map = L.map(element, {
      zoomControl: false, dragging: false, touchZoom: false, scrollWheelZoom: false,
      doubleClickZoom: false, boxZoom: false, keyboard: false, attributionControl: true
    }).setView(point, 15);
    L.tileLayer(settings.tileUrl, { attribution: settings.attribution, maxZoom: 19 }).addTo(map);
    element.kerMap = map;
    L.marker(point, {
      title: element.dataset.title || "", alt: element.dataset.title || "",
      interactive: false, keyboard: false
    }).addTo(map);
  });
  /* Feed map: data-geojson-url; fits its markers unless the settings say fit: false (a centre
     record, data-centre="<slug>", then gets its popup opened). */
  Array.prototype.forEach.call(document.querySelectorAll(".ker-map[data-geojson-url]"), function (element) {
    var settings = settingsOf(element);
    var map = baseMap(element, settings);
    var cluster = L.markerClusterGroup();
    map.addLayer(cluster);
    fetch(element.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var centre = null;
        var layer = L.geoJSON(data, {
          onEachFeature: function (feature, marker) {
            marker.bindPopup(popup(feature.properties || {}));
            if (element.dataset.centre && feature.id === element.dataset.centre) { centre = marker; }
          }
        });
        cluster.addLayer(layer);
        element.kerMarkers = layer;
        if (centre) {
          cluster.zoomToShowLayer(centre, function () { centre.openPopup(); });
        } else if (settings.fit !== false && layer.getLayers().length) {
          map.fitBounds(layer.getBounds(), { maxZoom: 15, padding: [30, 30] });
        }
        element.dataset.loaded = "true";
      })
      .catch(function () {
        var notice = document.createElement("p");
        notice.className = "banner";
        notice.textContent = element.dataset.errorText || "";
        element.parentNode.insertBefore(notice, element);
      });
  });
  /* Place picker (commons and article edit forms): a click fills the two inputs named by
     data-latitude-input / data-longitude-input (ids); typing moves the marker. */
  Array.prototype.forEach.call(document.querySelectorAll(".ker-place-picker"), function (element) {
    var latitude = document.getElementById(element.dataset.latitudeInput);
    var longitude = document.getElementById(element.dataset.longitudeInput);
    if (!latitude || !longitude) { return; }
    element.removeAttribute("aria-hidden");
    function read(input) { var v = parseFloat((input.value || "").replace(",", ".")); return isNaN(v) ? null : v; }
    var start = read(latitude) !== null && read(longitude) !== null ? [read(latitude), read(longitude)] : null;
    var map = baseMap(element, settingsOf(element));
    if (start) { map.setView(start, 15); }
    var marker = start ? L.marker(start).addTo(map) : null;
    map.on("click", function (event) {
      latitude.value = event.latlng.lat.toFixed(5);
      longitude.value = event.latlng.lng.toFixed(5);
      if (marker) { marker.setLatLng(event.latlng); } else { marker = L.marker(event.latlng).addTo(map); }
    });
    [latitude, longitude].forEach(function (input) {
      input.addEventListener("change", function () {
        var lat = read(latitude), lng = read(longitude);
        if (lat === null || lng === null) { return; }
        if (marker) { marker.setLatLng([lat, lng]); } else { marker = L.marker([lat, lng]).addTo(map); }
        map.setView([lat, lng], 15);
      });
    });
  });
})();
