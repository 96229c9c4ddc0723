// Stylesheets the bundler adds (pages/build.js): Grafana's theme variables and the Inter font.
declare module 'virtual:theme.css';
declare module '*.css';
