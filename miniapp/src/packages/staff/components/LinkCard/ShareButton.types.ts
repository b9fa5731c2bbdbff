export interface ShareButtonProps {
  linkId: string
  /** What a screen reader says: which link is shared. */
  label: string
}
