export { AnnotationLayer } from './AnnotationLayer';
