/**
 * Demonstration souvenirs: written for this project, about concerts and the hall only.
 * They name no person who was there and no victim; every author is "Démo …".
 */
export interface DemoText {
  author: string;
  title: string | null;
  body: string;
  year: number | null;
  event: string | null;
}

export const DEMO_TEXTS: readonly DemoText[] = [
  {
    author: 'Démo · Camille',
    title: 'Mon premier concert',
    body: 'J’avais seize ans et c’était mon <strong>tout premier concert</strong>. Je me souviens de la façade colorée, de la file sur le boulevard, et de ce moment où les lumières se sont éteintes.\n\nJe suis ressortie sans voix, et heureuse.',
    year: 1998,
    event: 'concert de rock',
  },
  {
    author: 'Démo · Karim',
    title: 'La salle qui vibre',
    body: 'Le parquet qui vibre sous les pieds, le balcon qui chante avec la fosse. Nulle part ailleurs je n’ai entendu une salle respirer comme ça.',
    year: 2004,
    event: 'concert de funk',
  },
  {
    author: 'Démo · Léa',
    title: null,
    body: 'On s’est rencontrés au bar, entre deux morceaux. Quinze ans plus tard, on y pense chaque fois qu’on passe devant. #rencontre',
    year: 2009,
    event: 'soirée électro',
  },
  {
    author: 'Démo · Hugo',
    title: 'Un dimanche après-midi',
    body: 'Un concert pour enfants, un dimanche. Ma fille sur mes épaules, qui chantait plus fort que tout le monde.',
    year: 2012,
    event: 'concert pour enfants',
  },
  {
    author: 'Démo · Inès',
    title: 'Le rappel',
    body: 'Personne ne voulait partir. Le groupe est revenu trois fois. Au troisième rappel, toute la salle chantait <em>a cappella</em>.',
    year: 2014,
    event: 'concert de pop',
  },
  {
    author: 'Démo · Marc',
    title: 'Les pagodes',
    body: 'J’ai toujours aimé ce toit en pagode, un peu improbable au milieu du boulevard Voltaire. On l’appelait « la salle chinoise ».',
    year: 1987,
    event: null,
  },
  {
    author: 'Démo · Sophie',
    title: 'Une soirée de jazz',
    body: 'Une contrebasse, un piano, une voix. Trois cents personnes qui retenaient leur souffle. #jazz',
    year: 1995,
    event: 'soirée jazz',
  },
  {
    author: 'Démo · Yanis',
    title: null,
    body: 'Mon premier pogo, mes premières baskets fichues, mon plus beau souvenir d’adolescent.',
    year: 2001,
    event: 'concert de punk',
  },
  {
    author: 'Démo · Claire',
    title: 'Le bal',
    body: 'Avant les concerts, mes grands-parents y allaient danser. Ma grand-mère racontait les robes, l’orchestre et les lampions.',
    year: 1962,
    event: 'bal populaire',
  },
  {
    author: 'Démo · Thomas',
    title: 'Le spectacle d’humour',
    body: 'J’ai tellement ri que j’en ai pleuré. Mon voisin de siège aussi. On a fini par rire de nous rire.',
    year: 2010,
    event: 'spectacle d’humour',
  },
  {
    author: 'Démo · Nadia',
    title: 'Ma première scène',
    body: 'J’y ai joué une fois, en première partie. Vingt minutes. Je me souviens de chaque seconde et des visages au premier rang.',
    year: 2011,
    event: 'première partie',
  },
  {
    author: 'Démo · Paul',
    title: null,
    body: 'Le vestiaire, le ticket plié dans la poche, la sortie à deux heures du matin sous la pluie, et le sourire qui ne partait pas. #nuit',
    year: 2006,
    event: 'concert de rock',
  },
  {
    author: 'Démo · Julie',
    title: 'Chanter ensemble',
    body: 'Un chœur amateur sur la grande scène : nous étions terrifiés, puis le public a chanté le refrain avec nous.',
    year: 2013,
    event: 'concert de chorales',
  },
  {
    author: 'Démo · Antoine',
    title: 'Le son',
    body: 'Ingénieur du son un soir de remplacement. La meilleure acoustique que j’aie eu à régler. Merci à l’équipe de la salle.',
    year: 2008,
    event: 'concert de reggae',
  },
  {
    author: 'Démo · Sarah',
    title: 'Après le concert',
    body: 'On est restés sur le trottoir à parler musique avec des inconnus jusqu’au premier métro.',
    year: 2015,
    event: 'concert de rock',
  },
  {
    author: 'Démo · Olivier',
    title: 'Le café d’à côté',
    body: 'Le café, avant chaque concert. Les mêmes têtes, les mêmes discussions sur la setlist. Une petite famille.',
    year: 2003,
    event: null,
  },
  {
    author: 'Démo · Emma',
    title: 'La réouverture',
    body: 'Revenir dans la salle, un an après. Les mains qui tremblent, puis la musique. La vie, tout simplement. #reouverture',
    year: 2016,
    event: 'concert de réouverture',
  },
  {
    author: 'Démo · Lucas',
    title: null,
    body: 'Mon père m’y a emmené pour mes dix ans. J’y ai emmené mon fils pour ses dix ans.',
    year: 2019,
    event: 'concert de rock',
  },
  {
    author: 'Démo · Chloé',
    title: 'Le balcon',
    body: 'Toujours au balcon, à gauche. On voyait toute la fosse onduler comme une vague.',
    year: 2007,
    event: 'concert de métal',
  },
  {
    author: 'Démo · Mehdi',
    title: 'Les lumières',
    body: 'Ce moment où le rideau de lumière bleue est tombé sur la salle. Je l’ai encore dans les yeux.',
    year: 2012,
    event: 'concert électro',
  },
  {
    author: 'Démo · Anne',
    title: 'Le théâtre',
    body: 'On oublie que c’était aussi un théâtre. J’y ai vu une opérette, avec mes parents, dans les années soixante-dix.',
    year: 1974,
    event: 'opérette',
  },
  {
    author: 'Démo · Romain',
    title: null,
    body: 'Premier rendez-vous. Elle m’avait dit : « si le concert est nul, on part ». On est restés jusqu’au bout. #rencontre',
    year: 2005,
    event: 'concert de folk',
  },
  {
    author: 'Démo · Zoé',
    title: 'Bénévole',
    body: 'Bénévole pour un festival, j’ai porté des câbles toute la journée et écouté les balances depuis les coulisses.',
    year: 2014,
    event: 'festival',
  },
  {
    author: 'Démo · Julien',
    title: 'Le merch',
    body: 'Le t-shirt acheté ce soir-là, je le porte encore, troué, délavé, précieux.',
    year: 2002,
    event: 'concert de rock',
  },
  {
    author: 'Démo · Fatou',
    title: 'Danser',
    body: 'Une soirée afrobeat où toute la salle dansait, des plus jeunes aux plus âgés. Une joie immense. #danse',
    year: 2017,
    event: 'soirée afrobeat',
  },
  {
    author: 'Démo · Pierre',
    title: null,
    body: 'Je suis guitariste amateur. Voir de près les mains des musiciens, à deux mètres de la scène, m’a donné envie de continuer.',
    year: 1999,
    event: 'concert de blues',
  },
  {
    author: 'Démo · Manon',
    title: 'Ensemble',
    body: 'Des milliers de souvenirs comme le mien. C’est ça, le Bataclan : un endroit où l’on était heureux ensemble.',
    year: null,
    event: null,
  },
  {
    author: 'Démo · Alex',
    title: 'Le silence',
    body: 'Ce silence juste avant la première note, quand toute une salle attend la même chose.',
    year: 2018,
    event: 'concert acoustique',
  },
  {
    author: 'Démo · Lina',
    title: null,
    body: 'Ma mère y a vu ses idoles en 1980. Elle m’a raconté la scène, la chaleur, les briquets levés.',
    year: 1980,
    event: 'concert de rock',
  },
  {
    author: 'Démo · Victor',
    title: 'Le dernier métro',
    body: 'Courir pour le dernier métro en fredonnant encore le dernier morceau. Le raté, et rentrer à pied, heureux.',
    year: 2011,
    event: 'concert de rock',
  },
];
