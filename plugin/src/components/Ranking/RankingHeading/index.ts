export { RankingHeading } from './RankingHeading';
