/* "Use my position" on the incident report form: progressive enhancement. Without this file
   (or without geolocation) the button stays hidden and the coordinates are typed in. */
(function () {
  "use strict";
  var box = document.querySelector("[data-position]");
  if (!box || !("geolocation" in navigator)) return;
  var button = box.querySelector("[data-use-position]");
  var status = box.querySelector("[data-position-status]");
  var latitude = document.getElementById("id_latitude");
  var longitude = document.getElementById("id_longitude");
  var place = document.getElementById("id_place");
  if (!button || !latitude || !longitude) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = button.getAttribute("data-finding");
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        latitude.value = position.coords.latitude.toFixed(6);
        longitude.value = position.coords.longitude.toFixed(6);
        if (place) place.value = "";
        status.textContent = button.getAttribute("data-found");
        button.disabled = false;
      },
      function () {
        status.textContent = button.getAttribute("data-failed");
        button.disabled = false;
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
    );
  });
})();
