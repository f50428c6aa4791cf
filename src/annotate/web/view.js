// The audio view: wavesurfer.js (served from the installed package) with its regions plugin for the waveform,
// and under it the server-rendered spectrogram of the same slice, the regions outlined on it. Only the slice of
// the recording around the current item is shown. Regions are kept in recording time; the view converts to and
// from the slice's own time.
import WaveSurfer from '/vendor/wavesurfer.esm.js';
import RegionsPlugin from '/vendor/regions.esm.js';

const COLORS = ['rgba(47,111,223,0.25)', 'rgba(223,120,47,0.25)', 'rgba(60,170,90,0.25)', 'rgba(170,60,170,0.25)'];

export class AudioView {
  constructor({ onRegionsEdited }) {
    this.regions = RegionsPlugin.create();
    this.ws = WaveSurfer.create({
      container: '#waveform',
      height: 96,
      waveColor: '#8a99ad',
      progressColor: '#4a5b73',
      cursorColor: '#d2382b',
      dragToSeek: true,
      plugins: [this.regions],
    });
    this.offset = 0;
    this.onRegionsEdited = onRegionsEdited;
    this.regions.on('region-updated', () => {
      const regions = this.currentRegions();
      this.overlay(regions);
      this.onRegionsEdited(regions);
    });
    this.duration = 1;
  }

  /**
   * Shows a slice starting at `offsetS` (`audio`: its blob, samples and duration; `image`: its spectrogram) with
   * `regions` in recording time; resolves when waveform and spectrogram are drawn. The samples are handed over
   * decoded, so wavesurfer neither decodes nor waits.
   */
  async show(audio, image, offsetS, regions, selected) {
    this.offset = offsetS;
    this.duration = audio.duration;
    const ready = new Promise((resolve) => this.ws.once('ready', resolve));
    const img = document.getElementById('spec-img');
    img.src = image.url;
    document.getElementById('spec-top').textContent = `${(image.maxHz / 1000).toFixed(1)} kHz`;
    await this.ws.loadBlob(audio.blob, [audio.samples], audio.duration);
    await Promise.all([ready, img.decode().catch(() => undefined)]);
    this.draw(regions, selected);
  }

  /** Redraws the regions (recording time), the selected one in front. */
  draw(regions, selected) {
    this.regions.clearRegions();
    this.labels = regions.map((r) => r.label);
    regions.forEach((r, i) => {
      const content = document.createElement('span');
      content.textContent = r.label; // text only: labels never become markup
      content.className = 'region-label';
      this.regions.addRegion({ id: `r${i}`, start: r.start - this.offset, end: r.end - this.offset, color: i === selected ? COLORS[0] : COLORS[1 + (i % 3)], drag: true, resize: true, content });
    });
    this.selected = selected;
    this.overlay(regions);
  }

  /** Draws the regions on the spectrogram too (outlines following the waveform's draggable regions). */
  overlay(regions) {
    const box = document.getElementById('spectrogram');
    for (const old of box.querySelectorAll('.spec-region')) old.remove();
    regions.forEach((r, i) => {
      const div = document.createElement('div');
      div.className = `spec-region${i === this.selected ? ' sel' : ''}`;
      div.style.left = `${(100 * (r.start - this.offset)) / this.duration}%`;
      div.style.width = `${(100 * (r.end - r.start)) / this.duration}%`;
      box.append(div);
    });
  }

  /** The regions as drawn (after dragging), in recording time, ordered as given. */
  currentRegions() {
    return this.regions
      .getRegions()
      .slice()
      .sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)))
      .map((r, i) => ({ start: round(r.start + this.offset), end: round(r.end + this.offset), label: this.labels[i] }));
  }

  cursorTime() {
    return this.ws.getCurrentTime() + this.offset;
  }

  play(startS, endS) {
    this.ws.play(Math.max(0, startS - this.offset), endS - this.offset).catch(() => undefined);
  }

  playAll() {
    this.ws.play(0).catch(() => undefined);
  }
}

function round(t) {
  return Math.round(t * 1e4) / 1e4;
}
