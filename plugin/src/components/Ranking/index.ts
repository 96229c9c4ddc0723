export { Ranking } from './Ranking';
