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

  ns.GENERIC_ANGLES = GENERIC_ANGLES;
  if (typeof module !== 'undefined' && module.exports) module.exports = { GENERIC_ANGLES };
})(typeof globalThis !== 'undefined' ? globalThis : this);
