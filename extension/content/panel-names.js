/* What the suggestion panel calls the server's topics and voice reasons, in the panel's
   language (the server's labels are English; a topic or reason new to the data files keeps its
   English label until it has a name here: tests/test_panel_names.py checks none is missing),
   and the topic line that asks rather than states when the server is unsure. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { el } = ns.dom;
  const { t } = ns;

  // Topic names in the panel's language (the server's labels are English).
  const TOPIC_NAMES = {
    product_launch: 'topicProductLaunch', company_news: 'topicCompanyNews', hiring: 'topicHiring',
    event: 'topicEvent', award: 'topicAward', work_anniversary_or_promotion: 'topicCareerStep',
    life_event: 'topicLifeEvent', team_culture: 'topicTeamCulture', customer_story: 'topicCustomerStory',
    industry_insight: 'topicIndustryInsight'
  };
  // The voice verdict's reasons in the panel's language (voice_signals.json and
  // voice_model.json name them in English); "wording" says which way it leans.
  const SIGNAL_NAMES = {
    press_release_phrase: 'signalPressReleasePhrase', third_person_company: 'signalThirdPersonCompany',
    call_to_action: 'signalCallToAction', spotlight_formula: 'signalSpotlightFormula',
    marketing_superlative: 'signalMarketingSuperlative', feelings: 'signalFeelings',
    lived_experience: 'signalLivedExperience', thanks_by_name: 'signalThanksByName',
    question_to_network: 'signalQuestionToNetwork', conversational_tone: 'signalConversationalTone',
    personal_emoji: 'signalPersonalEmoji', first_person: 'signalFirstPerson',
    no_first_person: 'signalNoFirstPerson', company_we: 'signalCompanyWe', link_only: 'signalLinkOnly',
    hashtag_wall: 'signalHashtagWall', clone: 'signalClone', thin_wrapper: 'signalThinWrapper',
    // Named when no signal explains a corporate verdict: the blend's cue that tipped it.
    we_over_i: 'signalWeOverI', addresses_readers: 'signalAddressesReaders', signed_off: 'signalSignedOff',
    attributed_quote: 'signalAttributedQuote', phone_number: 'signalPhoneNumber',
    about_someone_else: 'signalAboutSomeoneElse', has_link: 'signalHasLink'
  };
  const WORDING_NAMES = { personal: 'signalWordingPersonal', corporate: 'signalWordingCorporate' };
  // An unclear topic's guesses are asked about only when at least this likely: below it the
  // draft has no topic to guess (the engine's class "none" won), not two close ones.
  const GUESS_FLOOR = 0.1;
  // How much of a starter the panel shows (the whole of it is in the title and the button's name).
  const STARTER_SHOWN = 18;
  /** The topic, or when the server is unsure, its likely guesses and a hint: never a wrong topic stated as fact. */
  function topicLine(topic, languageSupported = true) {
    if (languageSupported === false) {
      // A draft in none of the languages the server reads: its topic would be a guess.
      return el('p', { class: 'topic', 'data-topic': 'unclear', 'data-language': 'other' },
        t('topicLabel'), el('b', {}, t('topicNotRead')), `. ${t('topicOtherLanguage')}`);
    }
    if (topic.id !== 'unclear') {
      return el('p', { class: 'topic', 'data-topic': topic.id }, t('topicLabel'), el('b', {}, topicName(topic)));
    }
    return el('p', { class: 'topic', 'data-topic': 'unclear' },
      t('topicLabel'), el('b', {}, t('topicUnclear')), `.${guessQuestion(topic.candidates)} ${t('topicUnclearHint')}`);
  }

  /** " Award or Team culture?": the one or two topics still likely enough to be worth asking
      about, in the panel's language. None when the draft has no topic at all ("Monday."):
      its candidates are then a few per cent each, and asking about them would be noise. */
  function guessQuestion(candidates) {
    const names = (candidates || []).filter((c) => c.confidence >= GUESS_FLOOR).slice(0, 2).map(topicName);
    if (!names.length) return '';
    return ` ${names.length === 2 ? t('topicGuessTwo', ...names) : t('topicGuessOne', names[0])}`;
  }

  /** The topic's name in the panel's language (the server's English label if a topic is new). */
  function topicName(topic) {
    return localOr(TOPIC_NAMES[topic.id], topic.label);
  }

  const VERDICT = {
    personal: { chip: 'verdictPersonalChip', line: 'verdictPersonalLine' },
    corporate: { chip: 'verdictCorporateChip', line: 'verdictCorporateLine' }
  };
  // A few words with no signal either way (the first words of every post), or only signals
  // against the score's side ("Apply now."): the server says too early, and the panel shows no
  // verdict, names none and announces none until it has one (a cue it names as "so far").
  const EARLY = { chip: 'verdictEarlyChip', line: 'verdictEarlyLine' };
  // A corporate reading this close to the line (a warm post in "we", a tribute with no "I") is
  // a nudge, not a judgement: "Could sound more like you", not "Sounds like a press release".
  const LEANING_FROM = 0.25;
  const LEANING = { chip: 'verdictLeaningChip', line: 'verdictCorporateLine' };
  /** The chip and line for a reading (a voice with a verdict). */
  const verdictOf = (voice) => (voice.label === 'corporate' && voice.personal_score >= LEANING_FROM
    ? LEANING : VERDICT[voice.label] || VERDICT.personal);

  /** A reason for the voice verdict in the panel's language (the server's words if it is new). */
  function signalName(signal) {
    return localOr(signal.id === 'wording' ? WORDING_NAMES[signal.leans] : SIGNAL_NAMES[signal.id], signal.label);
  }

  /** The reasons under a verdict: up to two that lean its way. Only when none does is the
      strongest reason against it named, and then marked as one ("though: …"), so the words
      in brackets never pull against the verdict they explain. */
  function verdictReasons(voice) {
    const signals = voice.signals || [];
    const agreeing = signals.filter((signal) => signal.leans === voice.label).slice(0, 2);
    if (agreeing.length) return agreeing.map(signalName).join(' · ');
    return signals.length ? t('verdictThough', signalName(signals[0])) : '';
  }

  /** What a too-early reading leans to so far: its strongest signal ("so far: call to
      action"), or '' when it has none. A few words whose only signals lean against the
      score's side ("Apply now.", a wall of hashtags) are too early for a verdict, but their
      cue is worth naming (the server's analysis.early). */
  function earlyReasons(voice) {
    const signals = voice.signals || [];
    return signals.length ? t('verdictEarlySoFar', signalName(signals[0])) : '';
  }

  /** A starter as the panel previews it: whole up to STARTER_SHOWN characters, else cut at
      the last word that fits, with trailing punctuation dropped before the "…" the panel
      adds. A first word longer than that (German "Unvorhergesehenerweise") is the one cut
      inside a word: shown whole it ran past the line, and the "…" still says there is more. */
  function starterPreview(starter) {
    const whole = starter.trim();
    if (whole.length <= STARTER_SHOWN) return whole.replace(/[\s:;,.–-]+$/u, '');
    const cut = whole.slice(0, STARTER_SHOWN + 1);
    const space = cut.search(/\s\S*$/u);
    if (space > 0) return cut.slice(0, space).replace(/[\s:;,.–-]+$/u, '');
    return Array.from(whole).slice(0, STARTER_SHOWN).join(''); // by characters, never half an emoji
  }

  /** The message `key` (t() answers a missing key with the key itself), else `fallback`. */
  function localOr(key, fallback) {
    const name = key && t(key);
    return name && name !== key ? name : fallback;
  }

  ns.panelNames = { topicLine, topicName, signalName, verdictReasons, earlyReasons, starterPreview, verdictOf, EARLY, LEANING };
})(typeof globalThis !== 'undefined' ? globalThis : this);
