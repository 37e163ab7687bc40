export default definePageConfig({
  navigationBarTitleText: '事项分类',
  enablePullDownRefresh: true,
})
