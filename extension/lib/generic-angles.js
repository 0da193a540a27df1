/* Angles shown when the server cannot be reached: general, but still about the author. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  const GENERIC_ANGLES = [
    {
      id: 'your_part',
      title: 'What did you personally work on?',
      prompt: 'Say which part was yours.',
      starter: 'The part I worked on was '
    },
    {
      id: 'why_it_matters_to_you',
      title: 'Why does this matter to you?',
      prompt: 'One sentence on why you care, in your own words.',
      starter: 'This matters to me because '
    },
    {
      id: 'thank_by_name',
      title: 'Who should be thanked by name?',
      prompt: 'Name one or two people and say what they did.',
      starter: 'I want to thank '
    }
  ];

  /** The same angles in the UI language (lib/i18n.js, looked up when asked: it loads later);
      English where there is no chrome.i18n. The starter goes into the employee's draft. */
  function genericAngles() {
    const t = ns.t;
    if (!t) return GENERIC_ANGLES;
    const say = (key, english) => {
      const message = t(key);
      return message && message !== key ? message : english;
    };
    const [part, why, thank] = GENERIC_ANGLES;
    return [
      { id: part.id, title: say('genericPartTitle', part.title), prompt: say('genericPartPrompt', part.prompt),
        starter: say('genericPartStarter', part.starter) },
      { id: why.id, title: say('genericWhyTitle', why.title), prompt: say('genericWhyPrompt', why.prompt),
        starter: say('genericWhyStarter', why.starter) },
      { id: thank.id, title: say('genericThankTitle', thank.title), prompt: say('genericThankPrompt', thank.prompt),
        starter: say('genericThankStarter', thank.starter) }
    ];
  }

  ns.GENERIC_ANGLES = GENERIC_ANGLES;
  ns.genericAngles = genericAngles;
  if (typeof module !== 'undefined' && module.exports) module.exports = { GENERIC_ANGLES, genericAngles };
})(typeof globalThis !== 'undefined' ? globalThis : this);
