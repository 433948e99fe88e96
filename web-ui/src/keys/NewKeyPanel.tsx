import type { CreatedKey } from '../api/keys';
import { SecretDialog } from '../components/SecretDialog';

/** The new key, shown this once: the gateway keeps only its hash. */
export function NewKeyPanel({ created, onClose }: { readonly created: CreatedKey; readonly onClose: () => void }) {
  return (
    <SecretDialog
      title={`Key "${created.name}" created`}
      label="API key"
      noun="key"
      secret={created.key}
      warning="Copy this key now. It will not be shown again: the gateway keeps only a hash of it."
      onClose={onClose}
      testId="new-key"
      valueTestId="new-key-value"
      inputId="new-key-value"
    />
  );
}
