/**
 * Every string a person reads, French first with English beside it.
 * `{name}` placeholders are filled by `t()`.
 */
export const catalogue = {
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

  'wall.title': { fr: 'Le mur des souvenirs', en: 'The wall of memories' },
  'wall.empty': {
    fr: 'Aucun souvenir n’est encore publié. Le premier peut être le vôtre.',
    en: 'No memory has been published yet. The first one could be yours.',
  },
  'wall.more': { fr: 'Voir plus de souvenirs', en: 'See more memories' },
  'wall.end': { fr: 'Vous avez lu tous les souvenirs publiés.', en: 'You have read every published memory.' },
  'wall.badCursor': {
    fr: 'Ce lien de page n’est plus valide ; voici le début du mur.',
    en: 'That page link is no longer valid; here is the start of the wall.',
  },
  'card.by': { fr: 'par {name}', en: 'by {name}' },
  'card.year': { fr: 'Souvenir de {year}', en: 'Memory from {year}' },
  'card.permalink': { fr: 'Lire ce souvenir', en: 'Read this memory' },
  'card.demo': { fr: 'Démo', en: 'Demo' },
  'card.demoNote': {
    fr: 'Texte de démonstration, écrit pour montrer le site.',
    en: 'Demonstration text, written to show the site.',
  },
  'card.untitled': { fr: 'Souvenir de {name}', en: 'Memory from {name}' },

  'share.title': { fr: 'Partager un souvenir', en: 'Share a memory' },
  'share.intro': {
    fr: 'Racontez votre plus beau souvenir du Bataclan : un concert, une rencontre, une soirée. Il sera relu avant d’être publié.',
    en: 'Tell your most beautiful memory of the Bataclan: a concert, a meeting, an evening. It will be read before it is published.',
  },
  'share.required': {
    fr: 'Votre adresse de messagerie ne sera pas publiée. Les champs obligatoires sont indiqués avec *',
    en: 'Your email address will not be published. Required fields are marked *',
  },
  'share.name': { fr: 'Nom ou pseudonyme', en: 'Name or pseudonym' },
  'share.email': { fr: 'Adresse de messagerie', en: 'Email address' },
  'share.emailHint': {
    fr: 'Jamais publiée. Elle sert seulement à vous joindre au sujet de votre texte.',
    en: 'Never published. Used only to reach you about your text.',
  },
  'share.titleField': { fr: 'Titre (facultatif)', en: 'Title (optional)' },
  'share.body': { fr: 'Votre souvenir', en: 'Your memory' },
  'share.allowedTags': {
    fr: 'Vous pouvez utiliser ces balises et attributs HTML :',
    en: 'You may use these HTML tags and attributes:',
  },
  'share.year': { fr: 'Année du souvenir (facultatif)', en: 'Year of the memory (optional)' },
  'share.event': { fr: 'Événement (facultatif), par exemple « concert de … »', en: 'Event (optional), e.g. “concert by …”' },
  'share.consent': {
    fr: 'J’accepte que ce souvenir soit publié sur le mur après relecture, avec le nom indiqué.',
    en: 'I agree that this memory is published on the wall after review, with the name given.',
  },
  'share.honeypot': { fr: 'Ne remplissez pas ce champ', en: 'Do not fill in this field' },
  'share.submit': { fr: 'Envoyer mon souvenir', en: 'Send my memory' },
  'share.errorSummary': {
    fr: 'Le souvenir n’a pas été envoyé. Corrigez ce qui est indiqué :',
    en: 'The memory was not sent. Please correct the following:',
  },
  'share.successTitle': { fr: 'Merci. Votre souvenir attend sa relecture.', en: 'Thank you. Your memory is awaiting review.' },
  'share.successText': {
    fr: 'Une personne de l’équipe de modération le lira avant qu’il paraisse sur le mur.',
    en: 'Someone from the moderation team will read it before it appears on the wall.',
  },
  'share.privateLink': {
    fr: 'Gardez ce lien privé : il vous permettra de suivre, de modifier ou de retirer votre souvenir. Il ne sera plus affiché.',
    en: 'Keep this link private: it lets you follow, edit or withdraw your memory. It will not be shown again.',
  },
  'share.another': { fr: 'Partager un autre souvenir', en: 'Share another memory' },

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
  'error.year.invalid': {
    fr: 'L’année doit être comprise entre 1865, ouverture de la salle, et {year}.',
    en: 'The year must be between 1865, when the hall opened, and {year}.',
  },
  'error.event.tooLong': { fr: 'L’événement doit tenir en 120 caractères.', en: 'The event must fit in 120 characters.' },
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

  'souvenir.back': { fr: 'Retour au mur', en: 'Back to the wall' },
  'souvenir.shared': { fr: 'Partagé le {date}', en: 'Shared on {date}' },
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

  'privacy.title': { fr: 'Vos données et ce mur', en: 'Your data and this wall' },
  'privacy.intro': {
    fr: 'Ce mur garde des souvenirs, pas des personnes. Voici exactement ce que nous conservons, pourquoi, et combien de temps.',
    en: 'This wall keeps memories, not people. Here is exactly what we keep, why, and for how long.',
  },
  'privacy.published.title': { fr: 'Ce qui est publié', en: 'What is published' },
  'privacy.published.text': {
    fr: 'Après relecture : le nom ou pseudonyme que vous avez choisi, le titre, le texte, l’année et l’événement si vous les avez indiqués, et la date de publication. Rien d’autre.',
    en: 'After review: the name or pseudonym you chose, the title, the text, the year and event if you gave them, and the date of publication. Nothing else.',
  },
  'privacy.email.title': { fr: 'Votre adresse de messagerie', en: 'Your email address' },
  'privacy.email.text': {
    fr: 'Elle n’est jamais publiée, ni dans les pages, ni dans les flux, ni dans les exports. Seule l’équipe de modération la voit, pour vous joindre au sujet de votre texte. Elle est gardée tant que votre souvenir l’est.',
    en: 'It is never published: not in pages, feeds or exports. Only the moderation team sees it, to reach you about your text. It is kept as long as your memory is.',
  },
  'privacy.ip.title': { fr: 'Votre adresse IP', en: 'Your IP address' },
  'privacy.ip.text': {
    fr: 'Nous ne l’enregistrons jamais. Nous n’en gardons qu’une empreinte chiffrée avec une clé secrète, pour limiter les abus (envois répétés, bougies multiples). Cette empreinte est effacée au bout de 30 jours.',
    en: 'We never store it. We keep only a fingerprint keyed with a secret, to limit abuse (repeated posts, multiple candles). That fingerprint is erased after 30 days.',
  },
  'privacy.link.title': { fr: 'Votre lien privé', en: 'Your private link' },
  'privacy.link.text': {
    fr: 'Le lien affiché après l’envoi vous permet de suivre, modifier (tant qu’il attend sa relecture) ou retirer votre souvenir. Nous n’en gardons qu’une empreinte : nous ne pouvons pas vous le renvoyer, mais l’équipe peut en créer un nouveau.',
    en: 'The link shown after sending lets you follow, edit (while it awaits review) or withdraw your memory. We keep only a fingerprint of it: we cannot send it back, but the team can create a new one.',
  },
  'privacy.rights.title': { fr: 'Vos droits', en: 'Your rights' },
  'privacy.rights.text': {
    fr: 'Vous pouvez retirer votre souvenir à tout moment avec votre lien privé : le texte, le nom et l’adresse sont effacés. L’équipe peut aussi retrouver, exporter ou effacer tout ce qui est lié à votre adresse de messagerie, sur simple demande.',
    en: 'You can withdraw your memory at any time with your private link: the text, name and address are erased. The team can also find, export or erase everything tied to your email address, on request.',
  },
  'privacy.cookies.title': { fr: 'Cookies', en: 'Cookies' },
  'privacy.cookies.text': {
    fr: 'Aucun cookie de mesure d’audience ni de publicité. Un cookie retient la mise en page choisie ; les modérateurs ont un cookie de session.',
    en: 'No analytics or advertising cookies. One cookie remembers the layout you chose; moderators have a session cookie.',
  },
  'nav.privacy': { fr: 'Vos données', en: 'Your data' },
  'author.title': { fr: 'Votre souvenir', en: 'Your memory' },
  'author.privateNote': {
    fr: 'Cette page est privée : ne partagez pas son adresse. Elle vous permet de suivre, de corriger ou de retirer ce que vous avez écrit.',
    en: 'This page is private: do not share its address. It lets you follow, correct or withdraw what you wrote.',
  },
  'author.status.pending': { fr: 'En attente de relecture', en: 'Awaiting review' },
  'author.status.approved': { fr: 'Publié sur le mur', en: 'Published on the wall' },
  'author.status.rejected': { fr: 'Non retenu par la modération', en: 'Not accepted by the moderators' },
  'author.status.spam': { fr: 'Non retenu par la modération', en: 'Not accepted by the moderators' },
  'author.status.trash': { fr: 'Retiré du mur', en: 'Removed from the wall' },
  'author.statusLabel': { fr: 'État :', en: 'Status:' },
  'author.viewPublished': { fr: 'Voir le souvenir publié', en: 'See the published memory' },
  'author.editTitle': { fr: 'Corriger votre souvenir', en: 'Correct your memory' },
  'author.editHint': {
    fr: 'Vous pouvez le corriger tant qu’il attend sa relecture.',
    en: 'You can correct it while it awaits review.',
  },
  'author.save': { fr: 'Enregistrer la correction', en: 'Save the correction' },
  'author.saved': { fr: 'Votre correction est enregistrée.', en: 'Your correction is saved.' },
  'author.withdrawTitle': { fr: 'Retirer votre souvenir', en: 'Withdraw your memory' },
  'author.withdrawText': {
    fr: 'Le texte, votre nom et votre adresse seront effacés définitivement. Cette action ne peut pas être annulée.',
    en: 'The text, your name and your address will be erased for good. This cannot be undone.',
  },
  'author.confirm': { fr: 'Je confirme vouloir retirer ce souvenir.', en: 'I confirm I want to withdraw this memory.' },
  'author.withdraw': { fr: 'Retirer définitivement', en: 'Withdraw for good' },
  'author.withdrawn': {
    fr: 'Ce souvenir a été retiré. Son texte, le nom et l’adresse ont été effacés.',
    en: 'This memory has been withdrawn. Its text, name and address have been erased.',
  },
  'author.notFound': {
    fr: 'Ce lien privé n’est pas (ou plus) valide. Si vous l’avez perdu, l’équipe de modération peut en créer un nouveau.',
    en: 'This private link is not (or no longer) valid. If you lost it, the moderation team can create a new one.',
  },
  'author.notPending': {
    fr: 'Ce souvenir a déjà été relu : il ne peut plus être corrigé, mais vous pouvez toujours le retirer.',
    en: 'This memory has already been reviewed: it can no longer be corrected, but you can still withdraw it.',
  },
  'author.withdrawnAlready': { fr: 'Ce souvenir a déjà été retiré.', en: 'This memory has already been withdrawn.' },
  'author.confirmRequired': {
    fr: 'Cochez la case pour confirmer le retrait.',
    en: 'Tick the box to confirm the withdrawal.',
  },
} as const satisfies Record<string, { fr: string; en: string }>;

export type MessageKey = keyof typeof catalogue;
