import type { Concept, World, WorldInstance } from '../types';

// Category indices, in the order of each feature's `categories`.
const SMALL = 0;
const MEDIUM = 1;
const LARGE = 2;
const RED = 0;
const GREEN = 1;
const CIRCLE = 0;

/** The target concept applied to (size, color, shape); 1 for a positive instance. */
function rule(x: Float64Array, concept: Concept): number {
  const size = x[0];
  switch (concept.concept) {
    case 1:
      return size === SMALL && x[1] === RED ? 1 : 0;
    case 2:
      return x[1] === GREEN || x[2] === CIRCLE ? 1 : 0;
    case 3:
      return size === MEDIUM || size === LARGE ? 1 : 0;
    default:
      throw new RangeError(`stagger: concept parameter 'concept' must be 1, 2 or 3, got ${concept.concept}`);
  }
}

const instance: WorldInstance = {
  sample(streams, out) {
    out[0] = streams[0].int(3);
    out[1] = streams[1].int(3);
    out[2] = streams[2].int(3);
  },
  label(x, concept) {
    return rule(x, concept);
  },
  score(x, concept) {
    return rule(x, concept);
  },
};

/**
 * STAGGER concepts (Schlimmer & Granger, AAAI 1986): objects with a size, a colour and a shape,
 * and three boolean target concepts that replace each other abruptly.
 * See simulator/docs/worlds/stagger.md.
 */
export const stagger: World = {
  name: 'stagger',
  title: 'STAGGER concepts',
  description:
    'Schlimmer & Granger (1986), "Beyond incremental processing: tracking concept drift", AAAI-86. ' +
    'Each object has a size (small, medium, large), a colour (red, green, blue) and a shape ' +
    '(circle, square, triangle), each drawn uniformly. The label is 1 when the object satisfies the ' +
    'current concept: (1) size = small AND colour = red; (2) colour = green OR shape = circle; ' +
    '(3) size = medium OR size = large. The concepts switch abruptly; there is no label noise.',
  task: 'classification',
  target: {
    name: 'match',
    description: 'Whether the object is a positive instance of the current target concept.',
    classes: ['negative instance', 'positive instance'],
  },
  features: [
    {
      name: 'size',
      kind: 'categorical',
      description: 'Size of the object, drawn uniformly from three sizes.',
      categories: ['small', 'medium', 'large'],
    },
    {
      name: 'color',
      kind: 'categorical',
      description: 'Colour of the object, drawn uniformly from three colours.',
      categories: ['red', 'green', 'blue'],
    },
    {
      name: 'shape',
      kind: 'categorical',
      description: 'Shape of the object, drawn uniformly from three shapes.',
      categories: ['circle', 'square', 'triangle'],
    },
  ],
  concept: {
    concept: {
      default: 1,
      description:
        'Target concept: 1 = size small AND colour red; 2 = colour green OR shape circle; ' +
        '3 = size medium OR large. The paper presents them in the order 1, 2, 3.',
      discrete: true,
      min: 1,
      max: 3,
    },
  },
  instantiate() {
    // STAGGER has no state: every instance can share one stateless object.
    return instance;
  },
};
