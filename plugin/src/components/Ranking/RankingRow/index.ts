export { RankingRow } from './RankingRow';
