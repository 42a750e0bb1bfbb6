// ecoscope serve: asks for the network as soon as the page begins, so that
// the server's answer travels while the browser reads the page's other
// scripts and styles (app.js takes the answer over; see bootNetwork there).
(function () {
  "use strict";
  const p = new URLSearchParams(location.search);
  const ties = ["all", "explicit", "units"].indexOf(p.get("ties")) >= 0 ? p.get("ties") : "all";
  const url = "/api/network?ties=" + encodeURIComponent(ties);
  const times = {};
  const response = fetch(url, { headers: { Accept: "application/json" } })
    .then((r) => { times.response = performance.now(); return r; });
  response.catch(() => {}); // app.js reports a failure
  window.ecoscopeBoot = { url, times, response };
})();
