/* Place picker on the "Lieu" section: a click on the map fills latitude and longitude. */
(function () {
  "use strict";
  var element = document.getElementById("commons-place-map");
  if (!element || typeof L === "undefined") { return; }
  element.removeAttribute("aria-hidden");
  var settings = JSON.parse(document.getElementById(element.dataset.mapSettingsId).textContent);
  var latitude = document.querySelector("[data-commons-coordinate=latitude]");
  var longitude = document.querySelector("[data-commons-coordinate=longitude]");
  function read(input) { var v = parseFloat((input.value || "").replace(",", ".")); return isNaN(v) ? null : v; }
  var start = read(latitude) !== null && read(longitude) !== null ? [read(latitude), read(longitude)] : null;
  var map = L.map(element).setView(start || settings.center, start ? 15 : settings.zoom);
  L.tileLayer(settings.tileUrl, { attribution: settings.attribution, maxZoom: 19 }).addTo(map);
  var marker = start ? L.marker(start).addTo(map) : null;
  map.on("click", function (event) {
    var lat = event.latlng.lat.toFixed(6), lng = event.latlng.lng.toFixed(6);
    latitude.value = lat;
    longitude.value = lng;
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
})();
