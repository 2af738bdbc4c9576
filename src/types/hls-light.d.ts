// `hls.js/light` ships no types of its own; it is the same `Hls` class as the full build.
declare module 'hls.js/light' {
  import Hls from 'hls.js';
  export default Hls;
}
