export { LabRecord, type LabEvent, type NewLabEvent } from './lab-record';
