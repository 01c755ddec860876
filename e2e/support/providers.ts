/** Each provider's id and the label the table shows. */
export const PROVIDER_LABELS = {
  contabo: 'Contabo',
  agilicus: 'Agilicus',
  cloudfoundry: 'Cloud Foundry',
  openai: 'OpenAI',
  parallelcluster: 'ParallelCluster',
} as const;
