/** What identifies a descriptor set: the stages describe their output so, the store keeps it so. */
export interface DescriptorSetSpec {
  movieId: number;
  /** `audio.emobase2010`, `visual.<backbone>`, `motion.farneback`, `sed.<group>`, … */
  kind: string;
  /** A hash of everything the rows depend on; a change starts the set afresh. */
  settingsHash: string;
  rate: number;
  dims: number;
  names?: string[];
}
