// The widget's own words (buttons, labels, status lines) in the shipped languages. The
// questions, choices and validation messages come from the flow and the engine.

/** @typedef {'en' | 'nl'} Language */

const en = {
  open: 'Chat with us',
  close: 'Close chat',
  title: 'Quick check',
  subtitle: 'Usually takes under a minute',
  send: 'Send',
  back: 'Back',
  backLabel: 'Back to the previous question',
  typing: 'Typing…',
  progress: 'Question {n} of {total}',
  yes: 'Yes',
  no: 'No',
  placeholder: 'Type your answer…',
  log: 'Conversation',
  you: 'You',
  offline: 'Offline: your answers are saved and will be sent when you are back online.',
  restart: 'Start over',
  failed: 'The chat could not be loaded. Please try again later.',
  greeting: 'Hi! Can we help you find the right fit?',
  dismiss: 'Dismiss',
  multiHint: 'Pick one or more, then send.',
  resultQualified: 'Great fit! {when}',
  resultNurture: 'Thanks! We will send you useful material to help you along.',
  resultNotQualified: 'Thanks for your answers! It looks like we are not the right fit right now.',
  resultIncomplete: 'Thanks! We have what we need for now.',
  within: 'A specialist will contact you within {time}.',
  minutes: '{n} minutes',
  hours: '{n} hours',
  days: '{n} days',
  why: 'Based on',
};

/** @type {Record<Language, typeof en>} */
export const strings = {
  en,
  nl: {
    open: 'Chat met ons',
    close: 'Chat sluiten',
    title: 'Snelle check',
    subtitle: 'Duurt meestal minder dan een minuut',
    send: 'Verstuur',
    back: 'Terug',
    backLabel: 'Terug naar de vorige vraag',
    typing: 'Aan het typen…',
    progress: 'Vraag {n} van {total}',
    yes: 'Ja',
    no: 'Nee',
    placeholder: 'Typ uw antwoord…',
    log: 'Gesprek',
    you: 'U',
    offline: 'Offline: uw antwoorden zijn bewaard en worden verstuurd zodra u weer online bent.',
    restart: 'Opnieuw beginnen',
    failed: 'De chat kon niet worden geladen. Probeer het later opnieuw.',
    greeting: 'Hallo! Kunnen we u helpen de juiste oplossing te vinden?',
    dismiss: 'Sluiten',
    multiHint: 'Kies een of meer en verstuur.',
    resultQualified: 'Dat past goed! {when}',
    resultNurture: 'Dank u! We sturen u nuttige informatie om u verder te helpen.',
    resultNotQualified: 'Dank voor uw antwoorden! Op dit moment lijken we niet de juiste match.',
    resultIncomplete: 'Dank u! We hebben voorlopig wat we nodig hebben.',
    within: 'Een specialist neemt binnen {time} contact met u op.',
    minutes: '{n} minuten',
    hours: '{n} uur',
    days: '{n} dagen',
    why: 'Op basis van',
  },
};

/** @typedef {keyof typeof en} StringId */

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
  return strings[language][id].replace(/\{(\w+)\}/g, (_, name) => String(args[name] ?? ''));
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
