export { useMe } from './api';
