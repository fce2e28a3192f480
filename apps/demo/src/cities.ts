import type { Polygon } from 'geojson';
import type { LatLng } from '@lib/geo';

export interface Restaurant {
  name: string;
  address: string;
  location: LatLng;
  phone: string;
}

/** One co-op of the demo: where it works and who orders from it. Hand-drawn, plausible, not surveyed. */
export interface City {
  key: string;
  name: string;
  cooperativeName: string;
  slug: string;
  center: LatLng;
  /** GeoJSON, [lng, lat]: the centre, bounded by the rivers on the west side. */
  serviceArea: Polygon;
  restaurants: Restaurant[];
  /** For customers' addresses. */
  streets: string[];
}

const area = (ring: [number, number][]): Polygon => ({ type: 'Polygon', coordinates: [[...ring, ring[0]]] });

const VALENCE: City = {
  key: 'valence',
  name: 'Valence',
  cooperativeName: 'Coursiers de Valence',
  slug: 'demo-valence',
  center: { lat: 44.933, lng: 4.892 },
  // From the Rhône banks east to the Plateau and south to Fontbarlettes' edge: about 5 × 6 km.
  serviceArea: area([
    [4.879, 44.962], [4.905, 44.966], [4.930, 44.958], [4.941, 44.940], [4.936, 44.915],
    [4.915, 44.903], [4.890, 44.905], [4.876, 44.918], [4.874, 44.940],
  ]),
  restaurants: [
    { name: 'Pizzeria du Marché', address: '4 place des Clercs, 26000 Valence', location: { lat: 44.9331, lng: 4.8917 }, phone: '+33 4 75 43 12 01' },
    { name: 'Le Bistrot de la Grande Rue', address: '37 Grande Rue, 26000 Valence', location: { lat: 44.9321, lng: 4.8903 }, phone: '+33 4 75 43 12 02' },
    { name: 'Sushi Champ de Mars', address: '12 boulevard Bancel, 26000 Valence', location: { lat: 44.9352, lng: 4.8948 }, phone: '+33 4 75 43 12 03' },
    { name: 'La Pogne Gourmande', address: '20 rue Madier de Montjau, 26000 Valence', location: { lat: 44.9340, lng: 4.8934 }, phone: '+33 4 75 43 12 04' },
    { name: 'Burger Victor Hugo', address: '55 avenue Victor Hugo, 26000 Valence', location: { lat: 44.9262, lng: 4.8938 }, phone: '+33 4 75 43 12 05' },
    { name: 'Thaï Saint-Jean', address: '3 place Saint-Jean, 26000 Valence', location: { lat: 44.9348, lng: 4.8909 }, phone: '+33 4 75 43 12 06' },
    { name: 'Les Raviolis de Romans', address: '18 rue des Alpes, 26000 Valence', location: { lat: 44.9336, lng: 4.8986 }, phone: '+33 4 75 43 12 07' },
    { name: 'Couscous Fontbarlettes', address: '8 rue Faventines, 26000 Valence', location: { lat: 44.9240, lng: 4.9050 }, phone: '+33 4 75 43 12 08' },
    { name: 'Crêperie du Pendentif', address: '9 rue Pérollerie, 26000 Valence', location: { lat: 44.9318, lng: 4.8886 }, phone: '+33 4 75 43 12 09' },
    { name: 'Poke Avenue de Romans', address: '102 avenue de Romans, 26000 Valence', location: { lat: 44.9410, lng: 4.9040 }, phone: '+33 4 75 43 12 10' },
  ],
  streets: [
    'rue Émile Augier', 'avenue de Chabeuil', 'rue Denis Papin', 'boulevard Vauban', 'rue Jean Bouin',
    'avenue Sadi Carnot', 'rue Montplaisir', 'rue de la Forêt', 'avenue Gambetta', 'rue Louis Gallet',
    'chemin des Baumes', 'rue Baudin', 'avenue de Verdun', 'rue Pasteur', 'rue du Clos Gaillard',
  ],
};

const LYON: City = {
  key: 'lyon',
  name: 'Lyon',
  cooperativeName: 'Coursiers de Lyon',
  slug: 'demo-lyon',
  center: { lat: 45.760, lng: 4.840 },
  // Vieux Lyon and the Presqu'île to Part-Dieu and Guillotière, Croix-Rousse to Jean Macé.
  serviceArea: area([
    [4.818, 45.778], [4.835, 45.788], [4.858, 45.784], [4.875, 45.772], [4.878, 45.752],
    [4.868, 45.736], [4.842, 45.732], [4.822, 45.740], [4.814, 45.758],
  ]),
  restaurants: [
    { name: 'Bouchon des Cordeliers', address: '15 rue Mercière, 69002 Lyon', location: { lat: 45.7615, lng: 4.8326 }, phone: '+33 4 78 42 10 01' },
    { name: 'Pizza Bellecour', address: '6 place Bellecour, 69002 Lyon', location: { lat: 45.7580, lng: 4.8322 }, phone: '+33 4 78 42 10 02' },
    { name: 'Ramen République', address: '48 rue de la République, 69002 Lyon', location: { lat: 45.7623, lng: 4.8361 }, phone: '+33 4 78 42 10 03' },
    { name: 'Les Canuts Gourmands', address: '100 boulevard de la Croix-Rousse, 69004 Lyon', location: { lat: 45.7745, lng: 4.8322 }, phone: '+33 4 78 42 10 04' },
    { name: 'Burger Part-Dieu', address: '24 rue Servient, 69003 Lyon', location: { lat: 45.7604, lng: 4.8558 }, phone: '+33 4 78 42 10 05' },
    { name: 'Banh Mi Roosevelt', address: '30 cours Franklin Roosevelt, 69006 Lyon', location: { lat: 45.7690, lng: 4.8488 }, phone: '+33 4 78 42 10 06' },
    { name: 'Mezze Guillotière', address: '60 grande rue de la Guillotière, 69007 Lyon', location: { lat: 45.7528, lng: 4.8432 }, phone: '+33 4 78 42 10 07' },
    { name: 'Quenelles Saint-Jean', address: '28 rue Saint-Jean, 69005 Lyon', location: { lat: 45.7626, lng: 4.8274 }, phone: '+33 4 78 42 10 08' },
    { name: 'Tacos des Terreaux', address: '2 place des Terreaux, 69001 Lyon', location: { lat: 45.7674, lng: 4.8338 }, phone: '+33 4 78 42 10 09' },
    { name: 'Curry Jean Macé', address: '5 place Jean Macé, 69007 Lyon', location: { lat: 45.7457, lng: 4.8421 }, phone: '+33 4 78 42 10 10' },
  ],
  streets: [
    'rue Paul Bert', 'cours Lafayette', 'rue Duguesclin', 'rue Garibaldi', 'avenue Jean Jaurès',
    'rue Victor Hugo', 'quai Saint-Antoine', 'rue Sala', 'montée de la Grande Côte', 'rue Vendôme',
    'rue de Marseille', 'cours Vitton', 'rue Tête d\'Or', 'rue Chevreul', 'rue d\'Algérie',
  ],
};

export const CITIES: Record<string, City> = { valence: VALENCE, lyon: LYON };

/** Names for couriers and customers: first name and an initial, as on a rota. */
export const FIRST_NAMES = [
  'Léa', 'Hugo', 'Chloé', 'Nathan', 'Manon', 'Lucas', 'Inès', 'Yanis', 'Camille', 'Théo', 'Sarah', 'Malik',
  'Jade', 'Louis', 'Amina', 'Tom', 'Zoé', 'Karim', 'Lina', 'Maël', 'Rose', 'Adam', 'Julie', 'Sami',
];
export const INITIALS = 'ABCDEFGHJKLMNPRSTV';
