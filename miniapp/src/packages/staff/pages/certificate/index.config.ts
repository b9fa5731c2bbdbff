export default definePageConfig({
  navigationBarTitleText: '就业创业证核验',
  enablePullDownRefresh: true,
});
