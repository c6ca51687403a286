// The widget's own words (buttons, labels, status lines) in the shipped languages. The
// questions, choices and validation messages come from the flow and the engine.

/** @typedef {'en' | 'nl'} Language */

/** Each string in English, then Dutch. */
const kStrings = {
  open: ['Chat with us', 'Chat met ons'],
  close: ['Close chat', 'Chat sluiten'],
  title: ['Quick check', 'Snelle check'],
  subtitle: ['Usually takes under a minute', 'Duurt meestal minder dan een minuut'],
  send: ['Send', 'Verstuur'],
  back: ['Back', 'Terug'],
  backLabel: ['Back to the previous question', 'Terug naar de vorige vraag'],
  typing: ['Typing…', 'Aan het typen…'],
  progress: ['Question {n} of {total}', 'Vraag {n} van {total}'],
  yes: ['Yes', 'Ja'],
  no: ['No', 'Nee'],
  placeholder: ['Type your answer…', 'Typ uw antwoord…'],
  log: ['Conversation', 'Gesprek'],
  you: ['You', 'U'],
  offline: ['Offline: your answers are saved and will be sent when you are back online.',
    'Offline: uw antwoorden zijn bewaard en worden verstuurd zodra u weer online bent.'],
  failed: ['The chat could not be loaded. Please try again later.',
    'De chat kon niet worden geladen. Probeer het later opnieuw.'],
  greeting: ['Hi! Can we help you find the right fit?',
    'Hallo! Kunnen we u helpen de juiste oplossing te vinden?'],
  dismiss: ['Dismiss', 'Sluiten'],
  multiHint: ['Pick one or more, then send.', 'Kies een of meer en verstuur.'],
  amount: ['Or type an amount', 'Of typ een bedrag'],
  resultQualified: ['Great fit! {when}', 'Dat past goed! {when}'],
  resultNurture: ['Thanks! We will send you useful material to help you along.',
    'Dank u! We sturen u nuttige informatie om u verder te helpen.'],
  resultNotQualified: ['Thanks for your answers! It looks like we are not the right fit right now.',
    'Dank voor uw antwoorden! Op dit moment lijken we niet de juiste match.'],
  resultIncomplete: ['Thanks! We have what we need for now.',
    'Dank u! We hebben voorlopig wat we nodig hebben.'],
  within: ['A specialist will contact you within {time}.',
    'Een specialist neemt binnen {time} contact met u op.'],
  minutes: ['{n} minutes', '{n} minuten'],
  hours: ['{n} hours', '{n} uur'],
  days: ['{n} days', '{n} dagen'],
  why: ['Based on', 'Op basis van'],
};

/** @typedef {keyof typeof kStrings} StringId */

/**
 * Picks the shipped language closest to `wanted` ("nl-BE" -> "nl"); English otherwise.
 * @param {string | null | undefined} wanted
 * @returns {Language}
 */
export function pickLanguage(wanted) {
  const base = String(wanted || '').toLowerCase().split(/[-_]/)[0];
  return base === 'nl' ? 'nl' : 'en';
}

/**
 * @param {Language} language
 * @param {StringId} id
 * @param {Record<string, string | number>} [args]
 */
export function t(language, id, args = {}) {
  return kStrings[id][language === 'nl' ? 1 : 0]
      .replace(/\{(\w+)\}/g, (_, name) => String(args[name] ?? ''));
}

/**
 * "5 minutes", "4 hours", "2 days" for a first-response time.
 * @param {Language} language
 * @param {number} minutes
 */
export function duration(language, minutes) {
  if (minutes < 120) return t(language, 'minutes', { n: minutes });
  if (minutes < 48 * 60) return t(language, 'hours', { n: Math.round(minutes / 60) });
  return t(language, 'days', { n: Math.round(minutes / 1440) });
}
