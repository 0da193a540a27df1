// The story form's audience: ticking a team chooses "Chosen teams", and choosing "Everyone"
// unticks the teams, so the radio buttons and the ticks never say two things at once (an
// admin who ticked Sales under the preselected "Everyone" was refused on Publish). Without
// JavaScript the server still refuses both at once, in the form's words.
(function () {
  "use strict";

  var form = document.querySelector("form.story-form");
  if (!form) return;
  var everyone = form.querySelector('input[name="audience"][value="everyone"]');
  var chosen = form.querySelector('input[name="audience"][value="teams"]');
  var teams = form.querySelectorAll('input[name="team_ids"]');

  teams.forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked && chosen) chosen.checked = true;
    });
  });
  if (everyone) {
    everyone.addEventListener("change", function () {
      if (!everyone.checked) return;
      teams.forEach(function (box) {
        box.checked = false;
      });
    });
  }
})();
