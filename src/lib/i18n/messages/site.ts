/** The frame of every page (name, navigation, footer) and the error pages and messages. French first, English beside it. */
export const siteMessages = {
  'site.name': { fr: 'Mur des Souvenirs', en: 'Wall of Memories' },
  'site.hashtag': { fr: '#MonPlusBeauSouvenirDuBataclan', en: '#MonPlusBeauSouvenirDuBataclan' },
  'site.tagline': {
    fr: 'Après le 13 novembre 2015, des milliers de personnes ont partagé leur plus beau souvenir du Bataclan. Ce mur les garde.',
    en: 'After 13 November 2015, thousands of people shared their most beautiful memory of the Bataclan. This wall keeps them.',
  },
  'nav.wall': { fr: 'Le mur', en: 'The wall' },
  'nav.share': { fr: 'Partager un souvenir', en: 'Share a memory' },
  'nav.main': { fr: 'Navigation principale', en: 'Main navigation' },
  'nav.language': { fr: 'English', en: 'Français' },
  'nav.languageLabel': { fr: 'Read this page in English', en: 'Lire cette page en français' },
  'nav.skip': { fr: 'Aller au contenu', en: 'Skip to content' },
  'footer.text': {
    fr: 'Un lieu de mémoire : chaque texte est relu avant publication.',
    en: 'A place of remembrance: every text is read before it is published.',
  },
  'error.name.required': { fr: 'Indiquez un nom ou un pseudonyme.', en: 'Please give a name or a pseudonym.' },
  'error.name.tooLong': { fr: 'Le nom doit tenir en 80 caractères.', en: 'The name must fit in 80 characters.' },
  'error.email.required': { fr: 'Indiquez votre adresse de messagerie.', en: 'Please give your email address.' },
  'error.email.invalid': {
    fr: 'Cette adresse de messagerie ne semble pas valide (exemple : nom@exemple.fr).',
    en: 'This email address does not look valid (example: name@example.org).',
  },
  'error.title.tooLong': { fr: 'Le titre doit tenir en 120 caractères.', en: 'The title must fit in 120 characters.' },
  'error.body.required': { fr: 'Écrivez votre souvenir.', en: 'Please write your memory.' },
  'error.body.tooLong': {
    fr: 'Le souvenir doit tenir en 10 000 caractères.',
    en: 'The memory must fit in 10,000 characters.',
  },
  'error.body.unsafe': {
    fr: 'Ce texte n’a pas pu être lu (balisage trop complexe). Simplifiez la mise en forme.',
    en: 'This text could not be read (markup too complex). Please simplify the formatting.',
  },
  'error.body.frameset': {
    fr: 'Ce texte commence comme une page web à cadres (balise <frameset>), qui ne peut rien afficher ici. Retirez cette balise, ou collez seulement le texte.',
    en: 'This text starts like a web page made of frames (a <frameset> tag), which cannot show anything here. Remove that tag, or paste the text alone.',
  },
  'error.year.invalid': {
    fr: 'L’année doit être comprise entre 1865, ouverture de la salle, et {year}.',
    en: 'The year must be between 1865, when the hall opened, and {year}.',
  },
  'error.event.tooLong': {
    fr: 'L’événement doit tenir en 120 caractères.',
    en: 'The event must fit in 120 characters.',
  },
  'error.consent.required': {
    fr: 'Votre accord est nécessaire pour publier le souvenir.',
    en: 'Your consent is needed to publish the memory.',
  },
  'error.text.controlChars': {
    fr: 'Ce champ contient des caractères invisibles ou illisibles ; retirez-les.',
    en: 'This field contains invisible or unreadable characters; please remove them.',
  },
  'error.generic': {
    fr: 'Une erreur est survenue de notre côté ; votre texte est conservé ci-dessous. Réessayez dans un instant.',
    en: 'Something went wrong on our side; your text is kept below. Please try again in a moment.',
  },
  'error.spamTrap': {
    fr: 'Votre envoi n’a pas pu être accepté.',
    en: 'Your submission could not be accepted.',
  },
  'notFound.title': { fr: 'Page introuvable', en: 'Page not found' },
  'notFound.text': {
    fr: 'Cette page n’existe pas, ou ce souvenir n’est pas (ou plus) publié.',
    en: 'This page does not exist, or this memory is not (or no longer) published.',
  },
  'serverError.title': { fr: 'Un incident est survenu', en: 'Something went wrong' },
  'serverError.text': {
    fr: 'Le site a rencontré un problème. Réessayez dans un instant.',
    en: 'The site ran into a problem. Please try again in a moment.',
  },
  'unavailable.title': { fr: 'Le mur reprend son souffle', en: 'The wall is catching its breath' },
  'unavailable.text': {
    fr: 'La base de données ne répond pas pour l’instant. Rien n’est perdu : réessayez dans quelques secondes.',
    en: 'The database is not answering just now. Nothing is lost: please try again in a few seconds.',
  },
  'nav.privacy': { fr: 'Vos données', en: 'Your data' },
  'error.website.invalid': {
    fr: 'Indiquez une adresse web en http ou https (exemple : https://exemple.fr), ou laissez le champ vide.',
    en: 'Give a web address in http or https (example: https://example.org), or leave the field empty.',
  },
  'error.comment.required': { fr: 'Écrivez votre commentaire.', en: 'Please write your comment.' },
  'error.comment.tooLong': {
    fr: 'Le commentaire doit tenir en 5 000 caractères.',
    en: 'The comment must fit in 5,000 characters.',
  },
  'error.crossSite': {
    fr: 'Requête refusée : elle ne vient pas de ce site.',
    en: 'Request refused: it does not come from this site.',
  },
  'error.badAddress': {
    fr: 'Cette adresse est mal formée. Vérifiez le lien, ou repartez de la page d’accueil.',
    en: 'This address is malformed. Check the link, or start again from the home page.',
  },
  'error.internal': {
    fr: 'Erreur interne. Réessayez dans un instant.',
    en: 'Internal error. Please try again in a moment.',
  },
  'error.tooLarge.title': { fr: 'Envoi trop volumineux', en: 'Too much sent at once' },
  'error.tooLarge.text': {
    fr: 'Ce que vous avez envoyé dépasse {size} : le serveur ne l’a pas reçu, et rien n’a été enregistré. Un souvenir tient en 10 000 caractères. Revenez à la page précédente avec le bouton « Retour » de votre navigateur : votre texte y est en général encore. Raccourcissez-le, puis envoyez-le de nouveau.',
    en: 'What you sent is larger than {size}: the server did not receive it, and nothing was saved. A memory fits in 10,000 characters. Go back to the previous page with your browser’s Back button: your text is usually still there. Shorten it, then send it again.',
  },
  'error.tooLarge.back': { fr: 'Revenir au mur', en: 'Back to the wall' },
  'error.badJson': {
    fr: 'Le contenu envoyé n’est pas du JSON valide : rien n’a été enregistré.',
    en: 'The body sent is not valid JSON: nothing was saved.',
  },
} as const satisfies Record<string, { fr: string; en: string }>;
