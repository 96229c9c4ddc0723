// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

// The scaffold's stub returns undefined; @grafana/ui measures text (BarGauge, Combobox) and the
// timeline draws. A context whose methods do nothing keeps both quiet under jsdom.
HTMLCanvasElement.prototype.getContext = function getContext() {
  return new Proxy(
    {
      canvas: this,
      measureText: (text) => ({ width: String(text).length * 7 }),
      createImageData: (w, h) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
      getImageData: (x, y, w, h) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
    },
    {
      get: (target, prop) => (prop in target ? target[prop] : () => undefined),
      set: (target, prop, value) => {
        target[prop] = value;
        return true;
      },
    }
  );
};

// Components size themselves with ResizeObserver (Combobox, our own layout); jsdom has none.
if (!global.ResizeObserver) {
  global.ResizeObserver = class ResizeObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

// @grafana/ui initialises i18next, which advertises itself on console.info in every test file.
const info = console.info;
console.info = (...args) => {
  if (typeof args[0] === 'string' && args[0].includes('i18next')) {
    return;
  }
  info(...args);
};
